package testutil

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
)

// Harness answers permission expectations about the roles (and, from a
// snapshot, the users) of one source: a [roles.Catalog] ([FromCatalog]) or a
// [cam.Snapshot] ([FromSnapshot]). Each subject's evaluator is compiled once,
// on first use, and cached; a Harness is safe for concurrent use, so parallel
// subtests may share one. It also records which statements the evaluated
// requests exercised ([Harness.Coverage]).
type Harness struct {
	src  source
	cfg  config
	docs docCache

	mu       sync.RWMutex
	subjects map[subjectKey]*entry
	order    []subjectKey // subjects in the order they were first used
}

type subjectKey struct {
	kind Kind
	name string
}

// entry is a subject's cache slot: the Subject handed out and its compiled
// form, built once.
type entry struct {
	subject *Subject
	once    sync.Once
	c       *compiled
	err     error // unknown subject
}

// source is where subjects come from.
type source interface {
	// label is "catalogue" or "snapshot".
	label() string
	// compile builds a subject; an unknown name gives an *UnknownSubjectError.
	// A subject whose policies do not compile is returned with its err set.
	compile(kind Kind, name string, docs *docCache) (*compiled, error)
	// names lists the subjects of a kind, for suggestions and coverage.
	names(kind Kind) []string
	// coversAll reports whether coverage lists every role of the source, or
	// only the subjects used.
	coversAll() bool
	// trust returns a role's trust policy as a compiled subject and the
	// role's ARN, for CanAssume.
	trust(role string, docs *docCache) (*compiled, string, error)
}

// HarnessOption configures a Harness. Invalid options make FromCatalog and
// FromSnapshot return an error naming each of them.
type HarnessOption func(*config)

type config struct {
	strict bool
	known  map[string]string // lowercase action -> as declared
	base   map[string][]string
	errs   []error
}

// StrictContext makes an expectation fail ([FailureMissingContext]) when a
// statement that applies to its request reads a condition key the request
// did not supply, even if the outcome was as expected: the test would then
// pass only because the context was incomplete. Without it such keys are
// reported as warnings (logged through testing.TB, listed in Failure.Missing).
func StrictContext() HarnessOption { return func(c *config) { c.strict = true } }

// KnownActions declares real APIs ("service:ApiName") that camkit's action
// catalogue does not list, so expectations may name them. Anything else an
// expectation names must be in the catalogue.
func KnownActions(actions ...string) HarnessOption {
	return func(c *config) {
		for _, a := range actions {
			svc, api, ok := strings.Cut(strings.TrimPrefix(a, "name/"), ":")
			if !ok || svc == "" || api == "" || strings.Contains(a, "*") {
				c.errs = append(c.errs, fmt.Errorf("%w: KnownActions: %q is not of the form service:ApiName", ErrInvalidHarness, a))
				continue
			}
			if c.known == nil {
				c.known = map[string]string{}
			}
			c.known[strings.ToLower(svc+":"+api)] = svc + ":" + api
		}
	}
}

// BaseContext adds a condition key with values to every request the harness
// evaluates (for example a default "qcs:ip" for an office network). An
// assertion's own options replace it.
func BaseContext(key string, values ...string) HarnessOption {
	return func(c *config) {
		if key == "" || len(values) == 0 {
			c.errs = append(c.errs, fmt.Errorf("%w: BaseContext needs a key and at least one value", ErrInvalidHarness))
			return
		}
		if c.base == nil {
			c.base = map[string][]string{}
		}
		c.base[key] = slices.Clone(values)
	}
}

func newHarness(src source, opts []HarnessOption) (*Harness, error) {
	h := &Harness{src: src, subjects: map[subjectKey]*entry{}}
	for _, o := range opts {
		if o != nil {
			o(&h.cfg)
		}
	}
	if len(h.cfg.errs) > 0 {
		return nil, errors.Join(h.cfg.errs...)
	}
	return h, nil
}

// Role returns the role of that name. An unknown name is not an error here:
// every assertion on it fails, naming it and the nearest existing role.
func (h *Harness) Role(name string) *Subject { return h.entry(KindRole, name).subject }

// User returns the user (login name) of that name, from a snapshot harness.
// An unknown name, or any user of a catalogue harness, fails every assertion.
func (h *Harness) User(name string) *Subject { return h.entry(KindUser, name).subject }

func (h *Harness) entry(kind Kind, name string) *entry {
	k := subjectKey{kind, name}
	h.mu.RLock()
	e, ok := h.subjects[k]
	h.mu.RUnlock()
	if ok {
		return e
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if e, ok := h.subjects[k]; ok {
		return e
	}
	e = &entry{}
	e.subject = &Subject{h: h, e: e, kind: kind, name: name}
	h.subjects[k] = e
	h.order = append(h.order, k)
	return e
}

// resolve returns the compiled subject, compiling it on first use.
func (e *entry) resolve() (*compiled, error) {
	e.once.Do(func() {
		s := e.subject
		c, err := s.h.src.compile(s.kind, s.name, &s.h.docs)
		if err != nil {
			e.err = err
			return
		}
		if len(s.h.cfg.base) > 0 {
			merged := make(map[string][]string, len(c.base)+len(s.h.cfg.base))
			maps.Copy(merged, c.base)
			maps.Copy(merged, s.h.cfg.base)
			c.base = merged
		}
		e.c = c
	})
	return e.c, e.err
}

// unknownSubject builds the error for a subject a source does not have.
func unknownSubject(src source, kind Kind, name, hint string) error {
	return &UnknownSubjectError{Kind: kind, Name: name, Source: src.label(),
		Suggestion: nearestName(name, src.names(kind)), Hint: hint}
}
