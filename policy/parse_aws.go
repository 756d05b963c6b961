package policy

import (
	"errors"
	"slices"
	"strings"
)

// Recoverable parse problems and AWS IAM policies.
//
// Parse reads on after an element it can place (one written in another case,
// such as "Statement", read as "statement") or skip (one CAM does not have,
// such as "Sid"), so that it reports every such problem at once. When the
// input shows it is an AWS IAM policy, Parse reports that alone, with how CAM
// writes it, instead of one error per capitalised element.

// awsVersions are the version dates of AWS IAM's policy language.
var awsVersions = []string{"2012-10-17", "2008-10-17"}

// awsOnlyElements are elements of AWS IAM policies that CAM does not have.
var awsOnlyElements = []string{"Sid", "Id", "NotAction", "NotResource", "NotPrincipal"}

// awsEvidence gathers signs that a document is an AWS IAM policy.
type awsEvidence struct {
	camVersion bool     // "version": "2.0" was read: a CAM document, whatever else it has
	dated      bool     // an AWS version date was read
	signs      []string // what showed it, as quoted in the message
}

func (a *awsEvidence) add(sign string) {
	if len(a.signs) < 3 && !slices.Contains(a.signs, sign) {
		a.signs = append(a.signs, sign)
	}
}

// version notes the document's version value, read under key.
func (a *awsEvidence) version(key, v string) {
	switch {
	case v == Version:
		a.camVersion = true
	case slices.Contains(awsVersions, v):
		a.dated = true
		a.signs = append([]string{quote(key) + ": " + quote(v)}, a.signs...)
	}
}

// element notes an element name that CAM does not have.
func (a *awsEvidence) element(key string) {
	if slices.Contains(awsOnlyElements, key) || key == "AWS" {
		a.add(quote(key))
	}
}

// conditionKey notes a condition key.
func (a *awsEvidence) conditionKey(key string) {
	if strings.HasPrefix(key, "aws:") {
		a.add(quote(key))
	}
}

// resources notes resource names in AWS's form, "arn:aws:...".
func (a *awsEvidence) resources(rs []string) {
	for _, r := range rs {
		if strings.HasPrefix(r, "arn:") {
			a.add(quote(r))
			return
		}
	}
}

// operator notes a condition operator.
func (a *awsEvidence) operator(op string) {
	if awsOperatorCAM(op) != "" {
		a.add(quote(op))
	}
}

// isAWS reports whether the document is an AWS IAM policy: it has an AWS
// version date, or it has no CAM version and shows another AWS sign (an
// element only AWS has, an AWS operator or key, an "AWS" principal, an
// "arn:" resource).
func (a *awsEvidence) isAWS() bool {
	return !a.camVersion && (a.dated || len(a.signs) > 0)
}

// err is the one error Parse returns for an AWS IAM policy.
func (a *awsEvidence) err() *Error {
	return errorf("", "this is an AWS IAM policy (%s), not a CAM policy: CAM writes lowercase elements "+
		`("version": "2.0", "statement", "effect": "allow", "action": "cvm:StartInstances", "resource": "qcs::cvm:ap-guangzhou:uin/<owner>:instance/*"), `+
		"operators such as ip_equal on qcs: keys such as qcs:ip, and has no Sid, NotAction or NotResource",
		strings.Join(a.signs, ", "))
}

// soft records a problem after which reading goes on.
func (s *docScanner) soft(err *Error) { s.softErrs = append(s.softErrs, err) }

// result is the error of a whole parse: the AWS message for an AWS policy;
// otherwise every recorded problem followed by hard (the one that stopped the
// parse), if any. One problem is returned as its *Error, several joined with
// errors.Join.
func (s *docScanner) result(hard error) error {
	if hard == nil && len(s.softErrs) == 0 {
		return nil
	}
	if s.aws.isAWS() {
		return s.aws.err()
	}
	errs := s.softErrs
	if hard != nil {
		errs = append(errs, hard)
	}
	if len(errs) == 1 {
		return errs[0]
	}
	return errors.Join(errs...)
}

// effectCase adds CAM's spelling of an effect value to the problem recorded
// for a mis-cased "Effect" element: "Effect": "Allow" reads "effect": "allow".
func (s *docScanner) effectCase(key, value string) {
	if key == "effect" || len(s.softErrs) == 0 {
		return
	}
	lower := strings.ToLower(value)
	if lower == value || !Effect(lower).Valid() {
		return
	}
	var last *Error
	if errors.As(s.softErrs[len(s.softErrs)-1], &last) && strings.HasSuffix(last.Path, key) {
		last.Message = "element names and effects are lowercase: use " + quote("effect") + ": " + quote(lower) +
			" instead of " + quote(key) + ": " + quote(value)
	}
}

// skipValue moves past the JSON value that is next, checking its syntax but
// keeping nothing. It does not recurse, so deep nesting costs no stack.
func (s *docScanner) skipValue() error {
	var open []byte // the '{' and '[' not yet closed
	for {
		switch c := s.peek(); {
		case c == '{' || c == '[':
			s.pos++
			open = append(open, c)
			if n := s.peek(); n == '}' || n == ']' {
				break // an empty object or list closes below
			}
			if c == '{' {
				if err := s.skipKey(); err != nil {
					return err
				}
			}
			continue
		case c == '"':
			if _, _, _, err := s.scanString(); err != nil {
				return err
			}
		case c == '-' || c >= '0' && c <= '9':
			if _, err := s.number(); err != nil {
				return err
			}
		case c == 't':
			if err := s.literal("true"); err != nil {
				return err
			}
		case c == 'f':
			if err := s.literal("false"); err != nil {
				return err
			}
		case c == 'n':
			if err := s.literal("null"); err != nil {
				return err
			}
		default:
			return s.syntaxError(s.pos, "expected a value, found %s", s.describeAt(s.pos))
		}
		// A value has ended: close finished containers, then expect a
		// separator before the next member.
		for len(open) > 0 {
			want := byte('}')
			if open[len(open)-1] == '[' {
				want = ']'
			}
			c := s.peek()
			if c == want {
				s.pos++
				open = open[:len(open)-1]
				continue
			}
			if c != ',' {
				return s.syntaxError(s.pos, "expected ',' or %q, found %s", rune(want), s.describeAt(s.pos))
			}
			s.pos++
			if want == '}' {
				if err := s.skipKey(); err != nil {
					return err
				}
			}
			break
		}
		if len(open) == 0 {
			return nil
		}
	}
}

// skipKey reads an object key and its ':' while skipping.
func (s *docScanner) skipKey() error {
	if s.peek() != '"' {
		return s.syntaxError(s.pos, "expected a quoted key, found %s", s.describeAt(s.pos))
	}
	if _, _, _, err := s.scanString(); err != nil {
		return err
	}
	return s.expect(':', "after a key")
}
