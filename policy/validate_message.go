package policy

import (
	"slices"
	"strings"
)

// Messages that Validate and Compile share, so that one mistake reads the same
// whichever of them finds it.

const (
	msgActionMissing   = "missing; a statement needs at least one action"
	msgActionEmpty     = "empty list; a statement needs at least one action"
	msgResourceMissing = `missing; a statement without a principal needs at least one resource ("*" for all)`
	msgResourceEmpty   = "empty list; name at least one resource or leave the element out of a trust statement"
	msgPrincipalNobody = `names nobody; write "*" or name accounts, services or identity providers in qcs, service or federated`
)

// effectProblem describes an invalid effect, or returns "" for a valid one.
func effectProblem(e Effect) string {
	switch {
	case e.Valid():
		return ""
	case e == "":
		return `missing; want "allow" or "deny"`
	case Effect(strings.ToLower(string(e))).Valid():
		return quote(string(e)) + " is not valid: effects are lowercase: " + quote(strings.ToLower(string(e)))
	}
	return quote(string(e)) + ` is not valid; want "allow" or "deny"`
}

// versionProblem describes an unsupported version, or returns "" for "2.0".
func versionProblem(v string) string {
	switch {
	case v == Version:
		return ""
	case v == "":
		return `missing; want "2.0"`
	case slices.Contains(awsVersions, v):
		return quote(v) + ` is the version of AWS IAM's policy language; CAM policies are "version": "2.0"`
	}
	return quote(v) + ` is not supported; want "2.0"`
}
