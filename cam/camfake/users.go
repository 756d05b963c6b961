package camfake

import (
	"context"
	"slices"
	"time"

	"github.com/camkit/camkit/cam"
)

// UserInput describes a sub-user to create with [Fake.CreateUser].
type UserInput struct {
	// Name is the login name: 1–64 characters of [A-Za-z0-9+=,.@_-], unique.
	Name string
	// Remark is the user's remark.
	Remark string
	// ConsoleLogin allows console sign-in.
	ConsoleLogin bool
}

// ListUsers returns every sub-user in creation order (ListUsers). Like CAM's
// ListUsers it leaves out the last login; use GetUser or LastLogins for it.
func (f *Fake) ListUsers(ctx context.Context) ([]cam.User, error) {
	var out []cam.User
	err := f.read(ctx, cam.ActionListUsers, Call{}, func(st *state) error {
		out = make([]cam.User, 0, len(st.userOrder))
		for _, uin := range st.userOrder {
			u := st.users[uin].User
			u.LastLogin, u.LastLoginIP = time.Time{}, ""
			out = append(out, u)
		}
		return nil
	})
	return out, err
}

// GetUser returns a sub-user by name with its last login time and IP
// (GetUser). Like CAM's GetUser it does not report the creation time
// (Created is zero); ListUsers and LastLogins do.
func (f *Fake) GetUser(ctx context.Context, name string) (cam.User, error) {
	var out cam.User
	err := f.read(ctx, cam.ActionGetUser, Call{UserName: name}, func(st *state) error {
		uin, ok := st.userByName[name]
		if !ok {
			return apiErr(codeUserNotFound, "sub-user %q does not exist", name)
		}
		out = st.users[uin].User
		out.Created = time.Time{}
		return nil
	})
	return out, err
}

// LastLogins returns the sub-users with the given UINs, with their last login,
// in the order asked (DescribeSubAccounts). Unknown UINs are left out; no
// UINs gives an empty list; more than [cam.MaxLastLoginBatch] UINs is an
// InvalidParameter error. Like DescribeSubAccounts it does not report
// ConsoleLogin (false); ListUsers and GetUser do.
func (f *Fake) LastLogins(ctx context.Context, uins []uint64) ([]cam.User, error) {
	var out []cam.User
	c := Call{}
	if len(uins) == 1 {
		c.UserUIN = uins[0]
	}
	err := f.read(ctx, cam.ActionDescribeSubAccounts, c, func(st *state) error {
		if len(uins) > cam.MaxLastLoginBatch {
			return apiErr(codeInvalid, "FilterSubAccountUin takes at most %d UINs, got %d", cam.MaxLastLoginBatch, len(uins))
		}
		out = make([]cam.User, 0, len(uins))
		seen := make(map[uint64]bool, len(uins))
		for _, uin := range uins {
			if u := st.users[uin]; u != nil && !seen[uin] {
				seen[uin] = true
				v := u.User
				v.ConsoleLogin = false
				out = append(out, v)
			}
		}
		return nil
	})
	return out, err
}

// CreateUser creates a sub-user (AddUser) and returns it. The fake assigns the
// UIN and UID; no password or key is created.
func (f *Fake) CreateUser(ctx context.Context, in UserInput) (cam.User, error) {
	var out cam.User
	err := f.create(ctx, "AddUser", Call{UserName: in.Name}, func(st *state, c *Call) error {
		u, err := st.addUser(in, f.stamp())
		if err != nil {
			return err
		}
		c.UserUIN = u.UIN
		out = u.User
		return nil
	})
	return out, err
}

func (st *state) addUser(in UserInput, created time.Time) (*user, error) {
	if err := checkEntityName("user", in.Name, codeUserNameIllegal); err != nil {
		return nil, err
	}
	if err := checkDescription(in.Remark); err != nil {
		return nil, err
	}
	if _, ok := st.userByName[in.Name]; ok {
		return nil, apiErr(codeUserNameInUse, "sub-user name %q is in use", in.Name)
	}
	if len(st.users) >= MaxUsers {
		return nil, apiErr(codeSubUserFull, "the account already has %d sub-users", MaxUsers)
	}
	u := &user{User: cam.User{
		UIN:          st.nextUIN,
		UID:          st.nextUID,
		Name:         in.Name,
		Remark:       in.Remark,
		ConsoleLogin: in.ConsoleLogin,
		Created:      created,
	}}
	st.nextUIN++
	st.nextUID++
	st.users[u.UIN] = u
	st.userByName[u.Name] = u.UIN
	st.userOrder = append(st.userOrder, u.UIN)
	return u, nil
}

// DeleteUser deletes a sub-user (DeleteUser). Like CAM it refuses a user who
// still has access keys (OperationDenied.HaveKeys) unless force is true, in
// which case the keys go too. Group memberships and attachments are removed.
func (f *Fake) DeleteUser(ctx context.Context, uin uint64, force bool) error {
	return f.write(ctx, "DeleteUser", Call{UserUIN: uin}, func(st *state) error {
		u, err := st.user(uin, codeUserNotFound)
		if err != nil {
			return err
		}
		if len(u.keys) > 0 && !force {
			return apiErr(codeHaveKeys, "sub-user %q has %d access keys; delete them first or force", u.Name, len(u.keys))
		}
		for _, id := range u.keys {
			delete(st.keys, id)
		}
		for _, gid := range u.groups {
			g := st.groups[gid]
			g.members = slices.DeleteFunc(g.members, func(m uint64) bool { return m == uin })
		}
		for _, a := range u.policies {
			st.policies[a.policyID].AttachmentCount--
		}
		delete(st.users, uin)
		delete(st.userByName, u.Name)
		st.userOrder = slices.DeleteFunc(st.userOrder, func(x uint64) bool { return x == uin })
		return nil
	})
}

// SetLastLogin records a console login for a sub-user: the time and source IP
// that GetUser and LastLogins report. It is a test helper, not an API call: it
// is not recorded and no fault applies.
func (f *Fake) SetLastLogin(uin uint64, at time.Time, ip string) error {
	f.init()
	f.mu.Lock()
	defer f.mu.Unlock()
	u, err := f.st.user(uin, codeUserNotFound)
	if err != nil {
		return completeError(err, "SetLastLogin", "")
	}
	u.LastLogin, u.LastLoginIP = stampOf(at), ip
	return nil
}
