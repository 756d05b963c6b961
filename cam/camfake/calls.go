package camfake

import (
	"context"
	"fmt"
	"maps"
	"strconv"
	"time"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/internal/ctxsleep"
)

// Call is one API call the fake received, as recorded by [Fake.Calls] and as
// passed to [Fault.Match] and [WithHook] hooks.
//
// The subject fields name what the call is about, so a fault can target one
// user, role or policy without matching strings. The fake fills in both the
// UIN and the name of a user it knows, whichever of the two the caller gave.
type Call struct {
	// Action is the CAM (or CloudAudit) API action, e.g.
	// cam.ActionDescribeSafeAuthFlagColl for [Fake.GetMFA] (see
	// [cam.ReaderActions]) or "AttachUserPolicy".
	Action cam.Action
	// ReadOnly is true for reads (the [cam.Reader] methods and [Fake.Events]).
	ReadOnly bool
	// Time is when the call arrived, by the fake's clock ([WithClock]).
	Time time.Time
	// RequestID is the request ID the call's response carries.
	RequestID string
	// Err is the call's result: nil on success. It is set in records returned
	// by [Fake.Calls] and is nil while hooks and faults run.
	Err error

	// UserUIN and UserName identify the sub-user the call is about.
	UserUIN  uint64
	UserName string
	// GroupID is the group the call is about.
	GroupID uint64
	// RoleName is the role the call is about.
	RoleName string
	// PolicyID is the policy the call is about (the first, for DeletePolicy).
	PolicyID uint64
	// Version is the policy version the call is about.
	Version uint64
	// KeyIDs are the access key IDs the call is about.
	KeyIDs []string

	// Caller is who made the call: the root account for calls made on the
	// fake directly, whoever signed the request for calls through a
	// [Server].
	Caller Caller
}

// Caller is who made a call. Calls made on a [Fake] directly are the root
// account's; calls that reach it through a [Server] are made by whoever
// signed the request: the root account (the server's own credential or a
// root account key), a sub-user (its access key, made usable by
// [Server.KeyCredential]), or a role session (temporary credentials from the
// server's AssumeRole). The zero Caller is no one: the fake fills in every
// call's Caller.
type Caller struct {
	// UIN is the caller's UIN: the owner's for the root account, the
	// sub-user's for a sub-user, and for a role session the UIN of whoever
	// assumed the role (the owner's when the root account did), which is the
	// UIN STS's GetCallerIdentity reports as a role session's PrincipalId.
	UIN uint64
	// UserName is the name of the sub-user who called, or who assumed the
	// role of a role session; "" when that is the root account (or a
	// sub-user deleted since).
	UserName string
	// Role is the role of a role session; "" for other callers.
	Role string
	// Session is a role session's name (AssumeRole's RoleSessionName).
	Session string
}

// IsRoot reports whether the caller is the root account itself, not a
// sub-user or role session.
func (c Caller) IsRoot() bool { return c.UserName == "" && c.Role == "" && c.UIN != 0 }

// String describes the caller: "root (uin 100)", "sub-user alice (uin 200)"
// or "role Auditor session ci, assumed by sub-user alice (uin 200)"; the zero
// Caller is "nobody".
func (c Caller) String() string {
	if c == (Caller{}) {
		return "nobody"
	}
	who := "root (uin " + strconv.FormatUint(c.UIN, 10) + ")"
	if c.UserName != "" {
		who = "sub-user " + c.UserName + " (uin " + strconv.FormatUint(c.UIN, 10) + ")"
	}
	if c.Role != "" {
		return "role " + c.Role + " session " + c.Session + ", assumed by " + who
	}
	return who
}

// clone returns c with its slices copied.
func (c Call) clone() Call {
	if c.KeyIDs != nil {
		c.KeyIDs = append([]string(nil), c.KeyIDs...)
	}
	return c
}

// Calls returns a copy of the call log, oldest first (see [WithCallLog]).
func (f *Fake) Calls() []Call {
	f.init()
	f.callMu.Lock()
	defer f.callMu.Unlock()
	out := make([]Call, len(f.calls))
	for i, c := range f.calls {
		out[i] = c.clone()
	}
	return out
}

// CallCount returns how many calls of the API action the fake received since
// it was made or last reset, successful or not.
func (f *Fake) CallCount(action cam.Action) int {
	f.init()
	f.callMu.Lock()
	defer f.callMu.Unlock()
	return f.counts[action]
}

// CallCounts returns the number of calls per API action.
func (f *Fake) CallCounts() map[cam.Action]int {
	f.init()
	f.callMu.Lock()
	defer f.callMu.Unlock()
	return maps.Clone(f.counts)
}

// ResetCalls clears the call log and the per-action counts.
func (f *Fake) ResetCalls() {
	f.init()
	f.callMu.Lock()
	defer f.callMu.Unlock()
	f.calls = nil
	f.counts = map[cam.Action]int{}
}

// record appends c to the log.
func (f *Fake) record(c Call) {
	f.callMu.Lock()
	defer f.callMu.Unlock()
	f.counts[c.Action]++
	switch {
	case f.maxCalls == 0:
		return
	case f.maxCalls > 0 && len(f.calls) >= f.maxCalls:
		// Reslicing keeps this amortised O(1): append reallocates, copying
		// only the kept calls, once the backing array is used up.
		f.calls = append(f.calls[1:], c)
	default:
		f.calls = append(f.calls, c)
	}
}

// newRequestID returns the next request ID: a UUID-shaped string that is
// deterministic for a given sequence of calls.
func (f *Fake) newRequestID() string {
	n := f.reqSeq.Add(1)
	return fmt.Sprintf("00000000-0000-4000-8000-%012x", n)
}

// read runs a read-only API call.
func (f *Fake) read(ctx context.Context, action cam.Action, c Call, fn func(*state) error) error {
	c.Action = action
	c.ReadOnly = true
	return f.call(ctx, c, false, fn)
}

// write runs a mutating API call; on success it appends an audit event.
func (f *Fake) write(ctx context.Context, action cam.Action, c Call, fn func(*state) error) error {
	return f.create(ctx, action, c, func(st *state, _ *Call) error { return fn(st) })
}

// create runs a mutating API call whose state operation completes the call's
// subject (the ID of what it created), for the call record and audit event.
func (f *Fake) create(ctx context.Context, action cam.Action, c Call, fn func(*state, *Call) error) error {
	c.Action = action
	return f.callWith(ctx, c, true, fn)
}

// call is the pipeline every API method goes through.
func (f *Fake) call(ctx context.Context, c Call, write bool, fn func(*state) error) error {
	return f.callWith(ctx, c, write, func(st *state, _ *Call) error { return fn(st) })
}

func (f *Fake) callWith(ctx context.Context, c Call, write bool, fn func(*state, *Call) error) error {
	f.init()
	c.Time = f.now()
	c.RequestID = f.newRequestID()
	c.Caller = f.callerOf(ctx)
	err := f.intercept(ctx, &c)
	if err == nil {
		if write {
			f.mu.Lock()
			err = fn(f.st, &c)
			if err == nil {
				f.st.audit(c)
			}
			f.mu.Unlock()
		} else {
			f.mu.RLock()
			err = fn(f.st, &c)
			f.mu.RUnlock()
		}
	}
	err = completeError(err, c.Action, c.RequestID)
	c.Err = err
	f.record(c.clone())
	return err
}

// intercept runs everything before the state operation: context, latency,
// rate limit, faults and hooks.
func (f *Fake) intercept(ctx context.Context, c *Call) error {
	if ctx == nil {
		return apiErr(codeParam, "camfake: nil context")
	}
	if err := ctx.Err(); err != nil {
		return ctxErr(c.Action, err)
	}
	f.fillSubject(c)
	if err := ctxsleep.Sleep(ctx, f.latency); err != nil {
		return ctxErr(c.Action, err)
	}
	if err := f.allow(c.Action); err != nil {
		return err
	}
	if err := f.applyFaults(ctx, *c); err != nil {
		return err
	}
	for _, h := range f.hooks {
		if err := h(ctx, c.clone()); err != nil {
			return err
		}
	}
	return nil
}

// callerOf returns who makes a call with ctx: the caller a [Server] put in
// it, else the root account.
func (f *Fake) callerOf(ctx context.Context) Caller {
	var who caller
	if ctx != nil {
		who = callerFrom(ctx)
	}
	c := Caller{UIN: f.owner, Role: who.role, Session: who.session}
	if who.uin == 0 || who.uin == f.owner {
		return c
	}
	c.UIN = who.uin
	c.UserName, _ = f.userName(who.uin)
	return c
}

// fillSubject completes a call's user subject from the state.
func (f *Fake) fillSubject(c *Call) {
	if c.UserUIN == 0 && c.UserName == "" {
		return
	}
	f.mu.RLock()
	defer f.mu.RUnlock()
	switch {
	case c.UserUIN != 0 && c.UserName == "":
		if u := f.st.users[c.UserUIN]; u != nil {
			c.UserName = u.Name
		}
	case c.UserName != "" && c.UserUIN == 0:
		if uin, ok := f.st.userByName[c.UserName]; ok {
			c.UserUIN = uin
		}
	}
}
