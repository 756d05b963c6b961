// Package camtest checks that an implementation of camkit's [cam] interfaces
// behaves like CAM, in the spirit of testing/fstest.TestFS.
//
// [TestAPI] runs the whole suite, reads, writes and (when the implementation
// is also a [cam.AuditLog]) audit queries, against any [cam.API]: the
// in-memory fake (cam/camfake), the real adapter (cam/tencent) pointed at
// camfake's wire server, or the adapter pointed at a real account. [TestReader]
// runs only the read-only checks, so it is safe against a production account
// with a read-only key. Both return every failure joined with errors.Join,
// each naming its check:
//
//	if err := camtest.TestAPI(ctx, api, camtest.Fixture{UserUIN: uin, UserName: "alice", GroupID: gid}); err != nil {
//		t.Fatal(err)
//	}
//
// [cam.Writer] cannot create users or groups, so the suite borrows an
// existing user and group named by a [Fixture]. It changes them only
// temporarily (attachments, membership, boundary) and puts them back.
// Everything it creates (a policy with versions, a role with tags and
// attachments) carries the fixture's name prefix and is deleted before it
// returns, even when a check fails.
package camtest

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/camkit/camkit/cam"
)

// DefaultPrefix starts the name of everything the suite creates.
const DefaultPrefix = "camtest-"

// Fixture names existing account contents the suite may use.
type Fixture struct {
	// UserUIN and UserName identify an existing sub-user. The suite attaches
	// and detaches a policy, sets and removes a permission boundary (restoring
	// any boundary it had) and adds it to GroupID (and removes it again when it
	// was not a member).
	UserUIN  uint64
	UserName string
	// GroupID is an existing group.
	GroupID uint64
	// Prefix starts the names of the policy and role the suite creates; empty
	// means [DefaultPrefix]. A unique suffix is added to each name.
	Prefix string
}

func (fx Fixture) check() error {
	var errs []error
	if fx.UserUIN == 0 {
		errs = append(errs, errors.New("camtest: fixture: UserUIN is zero"))
	}
	if fx.UserName == "" {
		errs = append(errs, errors.New("camtest: fixture: UserName is empty"))
	}
	if fx.GroupID == 0 {
		errs = append(errs, errors.New("camtest: fixture: GroupID is zero"))
	}
	return errors.Join(errs...)
}

// TestReader runs the read-only checks against r: account, users, last
// logins, keys, MFA, groups, roles, policies and versions, attachments and
// boundaries, batch limits and not-found errors. It makes no change.
func TestReader(ctx context.Context, r cam.Reader, fx Fixture) error {
	if err := fx.check(); err != nil {
		return err
	}
	s := &suite{ctx: ctx, r: r, fx: fx}
	s.readChecks()
	return s.result()
}

// TestAPI runs every check of [TestReader], then the write checks (policy,
// version, role, tag, attachment, membership and boundary lifecycles,
// duplicate names, invalid input, quotas), then, when api also implements
// [cam.AuditLog], the audit query checks. It cleans up what it creates.
func TestAPI(ctx context.Context, api cam.API, fx Fixture) error {
	if err := fx.check(); err != nil {
		return err
	}
	s := &suite{ctx: ctx, r: api, w: api, fx: fx}
	if fx.Prefix == "" {
		s.fx.Prefix = DefaultPrefix
	}
	s.suffix = strconv.FormatInt(time.Now().UnixNano()%1_000_000_000, 36)
	s.readChecks()
	s.writeChecks()
	if log, ok := api.(cam.AuditLog); ok {
		s.eventChecks(log)
	}
	return s.result()
}

// suite collects failures.
type suite struct {
	ctx    context.Context
	r      cam.Reader
	w      cam.Writer
	fx     Fixture
	suffix string
	errs   []error
}

func (s *suite) result() error { return errors.Join(s.errs...) }

// fail records a failure of the named check.
func (s *suite) fail(check, format string, args ...any) {
	s.errs = append(s.errs, fmt.Errorf("camtest: %s: %s", check, fmt.Sprintf(format, args...)))
}

// ok records err as a failure of check when it is not nil and reports
// whether it was nil.
func (s *suite) ok(check string, err error) bool {
	if err != nil {
		s.fail(check, "unexpected error: %v", err)
		return false
	}
	return true
}

// wantErr records a failure unless err matches one of the sentinels.
func (s *suite) wantErr(check string, err error, sentinels ...error) {
	for _, want := range sentinels {
		if errors.Is(err, want) {
			var api *cam.APIError
			if errors.As(err, &api) && api.Code == "" {
				s.fail(check, "%v: *cam.APIError without a code", err)
			}
			return
		}
	}
	s.fail(check, "got error %v, want one matching %v", err, sentinels)
}
