package testutil

import (
	"strings"

	"github.com/camkit/camkit/policy"
)

// actionProblem is what is wrong with an expectation's action, if anything.
type actionProblem struct {
	kind       FailureKind
	suggestion string
	msg        string
}

// checkAction makes sure an expectation names one real API. A typo must never
// make a "denied" expectation pass: an action no policy can match is denied
// by every policy, so an expectation naming a service or API Tencent Cloud
// does not have fails, with the nearest real name. extra holds actions the
// harness was told exist although camkit's catalogue lacks them (lowercase).
func checkAction(action string, extra map[string]string) (actionProblem, bool) {
	if action == "" {
		return actionProblem{kind: FailureInvalidCase, msg: "the expectation names no action"}, false
	}
	body := strings.TrimPrefix(action, "name/")
	svc, api, ok := strings.Cut(body, ":")
	if !ok || svc == "" || api == "" {
		return actionProblem{kind: FailureInvalidCase,
			msg: "action " + quote(action) + " is not of the form service:ApiName (e.g. \"cvm:DescribeInstances\")"}, false
	}
	if strings.Contains(body, "*") {
		return actionProblem{kind: FailureInvalidCase,
			msg: "action " + quote(action) + " is a pattern; a request names one API (patterns belong in policies: test each API the pattern should cover)"}, false
	}
	if canon, ok := lookupExtra(extra, body); ok {
		if canon != body {
			return caseProblem(action, canon), false
		}
		return actionProblem{}, true
	}
	canon, ok := policy.KnownAction(svc, api)
	if !ok && !policy.KnownService(svc) {
		p := actionProblem{kind: FailureUnknownService, suggestion: policy.SuggestService(svc)}
		p.msg = "service " + quote(svc) + " of action " + quote(action) + " is not a Tencent Cloud CAM service camkit knows"
		if p.suggestion != "" {
			p.msg += "; did you mean " + quote(p.suggestion) + "?"
		}
		p.msg += " (a misspelt action is denied by every policy, so a \"denied\" expectation would pass for the wrong reason)"
		return p, false
	}
	if !ok {
		p := actionProblem{kind: FailureUnknownAction, suggestion: policy.SuggestAction(body)}
		p.msg = "action " + quote(action) + " is not an API of " + quote(svc) + " in camkit's catalogue"
		if p.suggestion != "" {
			p.msg += "; did you mean " + quote(p.suggestion) + "?"
		}
		p.msg += " (a misspelt action is denied by every policy, so a \"denied\" expectation would pass for the wrong reason)"
		if !policy.ServiceActionsComplete(svc) {
			p.msg += "; camkit's catalogue does not list every API of " + quote(svc) +
				": if this one is real, declare it with the harness option testutil.KnownActions"
		}
		return p, false
	}
	if canon != body {
		return caseProblem(action, canon), false
	}
	return actionProblem{}, true
}

func caseProblem(action, canon string) actionProblem {
	return actionProblem{kind: FailureUnknownAction, suggestion: canon,
		msg: "action " + quote(action) + " is spelt " + quote(canon) + " by Tencent Cloud; requests carry the API's exact name," +
			" and deny statements match it case-sensitively (docs/semantics.md §2), so a differently cased request tests a call CAM never receives"}
}

// lookupExtra finds an action declared with KnownActions.
func lookupExtra(extra map[string]string, body string) (string, bool) {
	if len(extra) == 0 {
		return "", false
	}
	canon, ok := extra[strings.ToLower(body)]
	return canon, ok
}
