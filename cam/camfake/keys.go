package camfake

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"slices"
	"time"

	"github.com/camkit/camkit/cam"
)

// ListAccessKeys returns a sub-user's access keys, oldest first
// (ListAccessKeys). Like CAM's ListAccessKeys it does not report last use
// (LastUsed is zero); KeysLastUsed does. Never a secret key: the fake has none.
//
// The owner's UIN ([Fake.OwnerUIN]) names the root account, as TargetUin
// does in the adapter's [Fake.RootAccessKeys]: it lists the root's keys.
// CreateAccessKey, UpdateAccessKey and DeleteAccessKey accept it the same
// way.
func (f *Fake) ListAccessKeys(ctx context.Context, uin uint64) ([]cam.AccessKey, error) {
	var out []cam.AccessKey
	err := f.read(ctx, cam.ActionListAccessKeys, Call{UserUIN: uin}, func(st *state) error {
		var err error
		out, err = st.listKeys(uin)
		return err
	})
	return out, err
}

// RootAccessKeys returns the root account's access keys, oldest first
// (ListAccessKeys for the owner's UIN), without last use, like
// ListAccessKeys.
func (f *Fake) RootAccessKeys(ctx context.Context) ([]cam.AccessKey, error) {
	f.init()
	var out []cam.AccessKey
	err := f.read(ctx, cam.ActionListAccessKeys, Call{UserUIN: f.owner}, func(st *state) error {
		var err error
		out, err = st.listKeys(st.owner)
		return err
	})
	return out, err
}

// listKeys returns the keys of a sub-user or, for the owner's UIN, of the
// root account, without last use.
func (st *state) listKeys(uin uint64) ([]cam.AccessKey, error) {
	ids, err := st.keyList(uin)
	if err != nil {
		return nil, err
	}
	out := make([]cam.AccessKey, 0, len(*ids))
	for _, id := range *ids {
		k := st.keys[id].AccessKey
		k.LastUsed = time.Time{}
		out = append(out, k)
	}
	return out, nil
}

// keyList returns the key list of a sub-user or, for the owner's UIN, of
// the root account.
func (st *state) keyList(uin uint64) (*[]string, error) {
	if uin == st.owner {
		return &st.rootKeys, nil
	}
	u, err := st.user(uin, codeUserNotExist)
	if err != nil {
		return nil, err
	}
	return &u.keys, nil
}

// KeysLastUsed returns when each known key was last used, in the order asked
// (GetSecurityLastUsed); unknown key IDs are left out and no IDs gives an
// empty list. Like CAM it reports
// the day only: the time is truncated to midnight UTC. More than
// [cam.MaxKeyLastUsedBatch] IDs is an InvalidParameter error.
func (f *Fake) KeysLastUsed(ctx context.Context, keyIDs []string) ([]cam.KeyLastUsed, error) {
	var out []cam.KeyLastUsed
	c := Call{KeyIDs: slices.Clone(keyIDs)}
	err := f.read(ctx, cam.ActionGetSecurityLastUsed, c, func(st *state) error {
		if len(keyIDs) > cam.MaxKeyLastUsedBatch {
			return apiErr(codeInvalid, "SecretIdList takes at most %d key IDs, got %d", cam.MaxKeyLastUsedBatch, len(keyIDs))
		}
		out = make([]cam.KeyLastUsed, 0, len(keyIDs))
		for _, id := range keyIDs {
			if k := st.keys[id]; k != nil {
				out = append(out, cam.KeyLastUsed{KeyID: id, LastUsed: day(k.LastUsed)})
			}
		}
		return nil
	})
	return out, err
}

// CreateAccessKey creates an active access key for a sub-user
// (CreateAccessKey) and returns its metadata. The fake never makes a secret
// key: it returns only the key ID, which is not secret. CAM allows
// [MaxKeysPerUser] keys per user (OperationDenied.AccessKeyOverLimit).
func (f *Fake) CreateAccessKey(ctx context.Context, uin uint64, description string) (cam.AccessKey, error) {
	var out cam.AccessKey
	err := f.create(ctx, "CreateAccessKey", Call{UserUIN: uin}, func(st *state, c *Call) error {
		k, err := st.addKey(uin, description, cam.KeyActive, f.stamp())
		if err != nil {
			return err
		}
		c.KeyIDs = []string{k.ID}
		out = k.AccessKey
		return nil
	})
	return out, err
}

func (st *state) addKey(uin uint64, description string, status cam.KeyStatus, created time.Time) (*key, error) {
	ids, err := st.keyList(uin)
	if err != nil {
		return nil, err
	}
	if status != cam.KeyActive && status != cam.KeyInactive {
		return nil, apiErr(codeParam, "key status %q is neither Active nor Inactive", status)
	}
	if err := checkDescription(description); err != nil {
		return nil, err
	}
	if len(*ids) >= MaxKeysPerUser {
		return nil, apiErr(codeKeyOverLimit, "%s already has %d access keys", st.keyHolder(uin), MaxKeysPerUser)
	}
	st.nextKey++
	k := &key{cam.AccessKey{
		ID:          st.keyID(uin, st.nextKey),
		UserUIN:     uin,
		Status:      status,
		Created:     created,
		Description: description,
	}}
	st.keys[k.ID] = k
	*ids = append(*ids, k.ID)
	return k, nil
}

// keyHolder names the holder of keys in messages.
func (st *state) keyHolder(uin uint64) string {
	if uin == st.owner {
		return "the root account"
	}
	return "sub-user " + quoteName(st.users[uin].Name)
}

// keyID derives a SecretId-shaped key ID ("AKID" and 32 letters and digits)
// from the owner, the user and a counter, so IDs are stable across runs.
func (st *state) keyID(uin, n uint64) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	var in [24]byte
	binary.BigEndian.PutUint64(in[0:], st.owner)
	binary.BigEndian.PutUint64(in[8:], uin)
	binary.BigEndian.PutUint64(in[16:], n)
	sum := sha256.Sum256(in[:])
	b := make([]byte, 0, 36)
	b = append(b, "AKID"...)
	for i := range 32 {
		b = append(b, alphabet[int(sum[i])%len(alphabet)])
	}
	return string(b)
}

// UpdateAccessKey sets a key's status (UpdateAccessKey).
func (f *Fake) UpdateAccessKey(ctx context.Context, uin uint64, keyID string, status cam.KeyStatus) error {
	return f.write(ctx, "UpdateAccessKey", Call{UserUIN: uin, KeyIDs: []string{keyID}}, func(st *state) error {
		k, err := st.userKey(uin, keyID)
		if err != nil {
			return err
		}
		if status != cam.KeyActive && status != cam.KeyInactive {
			return apiErr(codeParam, "key status %q is neither Active nor Inactive", status)
		}
		k.Status = status
		return nil
	})
}

// DeleteAccessKey deletes a key (DeleteAccessKey).
func (f *Fake) DeleteAccessKey(ctx context.Context, uin uint64, keyID string) error {
	return f.write(ctx, "DeleteAccessKey", Call{UserUIN: uin, KeyIDs: []string{keyID}}, func(st *state) error {
		if _, err := st.userKey(uin, keyID); err != nil {
			return err
		}
		ids, _ := st.keyList(uin)
		*ids = slices.DeleteFunc(*ids, func(id string) bool { return id == keyID })
		delete(st.keys, keyID)
		return nil
	})
}

func (st *state) userKey(uin uint64, keyID string) (*key, error) {
	if _, err := st.keyList(uin); err != nil {
		return nil, err
	}
	k := st.keys[keyID]
	if k == nil || k.UserUIN != uin {
		return nil, apiErr(codeKeyNotFound, "%s has no access key %s", st.keyHolder(uin), keyID)
	}
	return k, nil
}

// SetKeyLastUsed records when a key was last used, as KeysLastUsed reports it.
// A zero time means never used. It is a test helper: not recorded, no faults.
func (f *Fake) SetKeyLastUsed(keyID string, at time.Time) error {
	f.init()
	f.mu.Lock()
	defer f.mu.Unlock()
	k := f.st.keys[keyID]
	if k == nil {
		return &cam.APIError{Action: "SetKeyLastUsed", Code: codeKeyNotFound, Message: "access key " + keyID + " does not exist"}
	}
	k.LastUsed = stampOf(at)
	return nil
}

// GetMFA returns a sub-user's login and operation protection
// (DescribeSafeAuthFlagColl).
func (f *Fake) GetMFA(ctx context.Context, uin uint64) (cam.MFASettings, error) {
	var out cam.MFASettings
	err := f.read(ctx, cam.ActionDescribeSafeAuthFlagColl, Call{UserUIN: uin}, func(st *state) error {
		u, err := st.user(uin, codeUserNotFound)
		if err != nil {
			return err
		}
		out = u.mfa
		return nil
	})
	return out, err
}

// SetMFA replaces a sub-user's login and operation protection (SetMfaFlag).
func (f *Fake) SetMFA(ctx context.Context, uin uint64, s cam.MFASettings) error {
	return f.write(ctx, "SetMfaFlag", Call{UserUIN: uin}, func(st *state) error {
		u, err := st.user(uin, codeUserNotFound)
		if err != nil {
			return err
		}
		u.mfa = s
		return nil
	})
}

// day truncates t to midnight UTC; the zero time stays zero.
func day(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.UTC().Truncate(24 * time.Hour)
}
