package roles

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/internal/msgtext"
)

// Apply performs the plan's changes through w, in the plan's order (policies,
// then roles, then attachments, then grants, then revocations and
// deletions), and returns rec completed with what was done.
//
// rec carries the change's context (Why, ApprovedBy, Ticket); Apply fills in
// Start and End, the account, a What summary and the environments the plan
// touches when rec has none, the grants with their tickets, and one
// [ChangeResult] per change: done, failed (with the error) or not attempted.
// Write it to a change log with [ChangeRecord.AppendLog].
//
// Apply stops at the first failed change and returns an error matching
// [ErrApply] and wrapping the cause (so errors.Is(err, cam.ErrThrottled) and
// errors.As with *cam.APIError work); the changes before it stay done. Plan
// again from a fresh snapshot to finish: every change is planned from the
// account's state, so re-planning after a partial apply converges, and a plan
// made right after a complete apply is empty. When ctx is cancelled Apply
// stops before the next change and returns an error wrapping ctx.Err().
//
// A policy update creates a new default version. CAM keeps at most five; when
// w is also a cam.Reader, Apply first deletes the oldest non-default version
// of a policy that has five. Without a Reader the create fails at five with
// CAM's error, and the record says so.
func Apply(ctx context.Context, w cam.Writer, p *Plan, rec ChangeRecord) (ChangeRecord, error) {
	if ctx == nil {
		return rec, &wrapped{sentinel: ErrApply, msg: "roles: apply: the context is nil; pass context.Background() or a request's context"}
	}
	if w == nil {
		return rec, &wrapped{sentinel: ErrApply, msg: "roles: apply: the cam.Writer is nil"}
	}
	if p == nil {
		return rec, &wrapped{sentinel: ErrApply, msg: "roles: apply: the plan is nil"}
	}
	rec.fill(p)
	rec.Start = time.Now().UTC()
	a := applier{w: w, ids: map[string]uint64{}}
	rec.Changes = make([]ChangeResult, len(p.Changes))
	var failure error
	for i, c := range p.Changes {
		rec.Changes[i] = ChangeResult{Change: c, Status: StatusNotAttempted}
		if failure != nil {
			continue
		}
		if err := ctx.Err(); err != nil {
			failure = applyErr(err, "stopped before change %d (%s)", i, c)
			continue
		}
		id, err := a.do(ctx, c)
		if err != nil {
			rec.Changes[i].Status = StatusFailed
			rec.Changes[i].Error = err.Error()
			failure = applyErr(err, "change %d (%s)", i, c)
			continue
		}
		rec.Changes[i].Status = StatusDone
		if id != 0 {
			rec.Changes[i].PolicyID = id
		}
	}
	rec.End = time.Now().UTC()
	if failure != nil {
		rec.Error = failure.Error()
	}
	return rec, failure
}

// applyErr is an error of Apply that matches [ErrApply] and wraps cause:
// "roles: apply: <where>: <cause>".
func applyErr(cause error, format string, args ...any) error {
	return &wrapped{sentinel: ErrApply, cause: cause,
		msg: "roles: apply: " + fmt.Sprintf(format, args...) + ": " + cause.Error()}
}

// applier performs changes, remembering the IDs of policies it created.
type applier struct {
	w   cam.Writer
	ids map[string]uint64
}

// policyID is the change's policy ID, or the ID of the policy an earlier
// change created under that name.
func (a *applier) policyID(c Change) (uint64, error) {
	if c.PolicyID != 0 {
		return c.PolicyID, nil
	}
	if id, ok := a.ids[c.Policy]; ok {
		return id, nil
	}
	return 0, fmt.Errorf("policy %s has no ID: the change that creates it is not in this plan or failed", msgtext.Name(c.Policy))
}

// do performs one change and returns the ID of the policy concerned.
func (a *applier) do(ctx context.Context, c Change) (uint64, error) {
	w := a.w
	switch c.Kind {
	case CreatePolicy:
		id, err := w.CreatePolicy(ctx, cam.PolicyInput{Name: c.Policy, Description: c.Description, Document: c.After})
		if err == nil {
			a.ids[c.Policy] = id
		}
		return id, err
	case CreateRole:
		_, err := w.CreateRole(ctx, cam.RoleInput{Name: c.Role, TrustPolicy: c.After, Description: c.Description,
			SessionDuration: c.Seconds, ConsoleLogin: c.ConsoleLogin, Tags: slices.Clone(c.Tags)})
		return 0, err
	case UpdateTrust:
		return 0, w.UpdateTrustPolicy(ctx, c.Role, c.After)
	case UpdateDescription:
		return 0, w.UpdateRoleDescription(ctx, c.Role, c.After)
	case UpdateSessionDuration:
		return 0, w.UpdateRoleSessionDuration(ctx, c.Role, c.Seconds)
	case TagRole:
		return 0, w.TagRole(ctx, c.Role, slices.Clone(c.Tags))
	case UntagRole:
		return 0, w.UntagRole(ctx, c.Role, slices.Clone(c.TagKeys))
	}
	id, err := a.policyID(c)
	if err != nil {
		return 0, err
	}
	switch c.Kind {
	case UpdatePolicy:
		return id, a.newVersion(ctx, id, c.After)
	case UpdatePolicyDescription:
		return id, w.UpdatePolicyDescription(ctx, id, c.After)
	case AttachRolePolicy:
		return id, w.AttachRolePolicy(ctx, id, c.Role)
	case DetachRolePolicy:
		return id, w.DetachRolePolicy(ctx, id, c.Role)
	case PutRoleBoundary:
		return id, w.PutRoleBoundary(ctx, c.Role, id)
	case DeleteRoleBoundary:
		return id, w.DeleteRoleBoundary(ctx, c.Role)
	case Grant:
		return id, w.AttachUserPolicy(ctx, id, c.UIN)
	case Revoke:
		return id, w.DetachUserPolicy(ctx, id, c.UIN)
	case DeletePolicy:
		return id, w.DeletePolicy(ctx, id)
	}
	return 0, fmt.Errorf("unknown change kind %v", c.Kind)
}

// maxPolicyVersions is how many versions CAM keeps per custom policy.
const maxPolicyVersions = 5

// newVersion makes doc the policy's new default version, first deleting the
// oldest non-default version when the policy has five and w can list them.
func (a *applier) newVersion(ctx context.Context, id uint64, doc string) error {
	if r, ok := a.w.(cam.Reader); ok {
		vs, err := r.ListPolicyVersions(ctx, id)
		if err != nil {
			return fmt.Errorf("listing versions: %w", err)
		}
		if len(vs) >= maxPolicyVersions {
			oldest := -1
			for i, v := range vs {
				if !v.IsDefault && (oldest < 0 || v.Created.Before(vs[oldest].Created) ||
					(v.Created.Equal(vs[oldest].Created) && v.Version < vs[oldest].Version)) {
					oldest = i
				}
			}
			if oldest >= 0 {
				if err := a.w.DeletePolicyVersion(ctx, id, vs[oldest].Version); err != nil {
					return fmt.Errorf("deleting the oldest version %d to stay within CAM's %d: %w", vs[oldest].Version, maxPolicyVersions, err)
				}
			}
		}
	}
	_, err := a.w.CreatePolicyVersion(ctx, id, doc, true)
	return err
}
