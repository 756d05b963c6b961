package policy

import "strings"

// Rules about condition keys used with the wrong operator or value form.

// eachConditionLazy calls f for every operator that parses and each of its
// keys, in no particular order (findings are sorted afterwards), without
// building paths: f builds one with conditionPath only when it reports.
func (l *linter) eachConditionLazy(f func(ls *lintStatement, opName string, op Operator, key string, vals []Value)) {
	for i := range l.stmts {
		ls := &l.stmts[i]
		for opName, keys := range ls.Condition {
			op, err := ParseOperator(opName)
			if err != nil {
				continue
			}
			for key, vals := range keys {
				f(ls, opName, op, key, vals)
			}
		}
	}
}

// conditionPath is the path of key under operator opName of ls.
func (ls *lintStatement) conditionPath(opName, key string) string {
	return pathKey(pathField(pathField(ls.path, "condition"), opName), key)
}

// lintKeyType returns the type of value a known condition key carries, or
// TypeInvalid when camkit does not know it. Per-tag keys carry strings.
func lintKeyType(key string) OpType {
	switch key {
	case KeyIP:
		return TypeIP
	case KeyCurrentTime:
		return TypeDate
	case KeyCOSSecureTransport:
		return TypeBool
	case KeyCOSTLSVersion, KeyCOSContentLength:
		return TypeNumeric
	case KeyResourceTag, KeyRequestTag, KeyVPC, KeyVPCRequesterVPC, KeyCVMRegion, KeyVPCRegion,
		KeyCVMDiskType, KeyCOSHost, KeyCOSPrefix, KeyCOSVersionID, KeyCOSStorageClass, KeyCOSACL,
		KeyCOSContentType, KeyCOSResponseContentType,
		KeySAMLAudience, KeySAMLIssuer, KeySAMLSubject, KeySAMLSubjectType:
		return TypeString
	}
	if lintTagKey(key) != "" {
		return TypeString
	}
	return TypeInvalid
}

// lintTagKey returns the base ("qcs:resource_tag" or "qcs:request_tag") of a
// per-tag key "qcs:resource_tag/<tag>", or "".
func lintTagKey(key string) string {
	for _, base := range [...]string{KeyResourceTag, KeyRequestTag} {
		if tag, ok := strings.CutPrefix(key, base+"/"); ok && tag != "" {
			return base
		}
	}
	return ""
}

// lintAnyValueHas reports whether a value contains sub.
func lintAnyValueHas(vals []Value, sub string) bool {
	for _, v := range vals {
		if strings.Contains(v.Text, sub) {
			return true
		}
	}
	return false
}

// lintTypeNouns names the values of each type.
var lintTypeNouns = map[OpType]string{
	TypeString:  "strings",
	TypeIP:      "IP addresses",
	TypeDate:    "dates",
	TypeNumeric: "numbers",
	TypeBool:    "booleans",
	TypeBinary:  "binary values",
}

// lintTypeOperators names, per value type, the operators that compare it.
var lintTypeOperators = map[OpType]string{
	TypeString:  "string_equal, string_like and their variants",
	TypeIP:      "ip_equal or ip_not_equal",
	TypeDate:    "date_less_than, date_greater_than and their variants",
	TypeNumeric: "numeric_equal, numeric_less_than and their variants",
	TypeBool:    "bool_equal",
}

// conditionOperatorType reports a known key used with an operator of another
// type (ip_equal on qcs:resource_tag, date_less_than on qcs:ip): the values
// never compare, so the condition never holds (or, negated, always does).
// null_equal fits every key. A string operator on a number or boolean key is
// accepted (CAM compares their text), and on qcs:ip when every value is one
// address ("1.1.1.1" compares equal as text); a CIDR block never does.
func (l *linter) conditionOperatorType() {
	l.eachConditionLazy(func(ls *lintStatement, opName string, op Operator, key string, vals []Value) {
		if op.Op == OpNullEqual {
			return
		}
		want, got := lintKeyType(key), op.Op.Type()
		if want == TypeInvalid || want == got {
			return
		}
		if got == TypeString && (want == TypeNumeric || want == TypeBool) {
			return
		}
		if got == TypeString && want == TypeIP && !lintAnyValueHas(vals, "/") {
			return // a string compare of one address can still match
		}
		l.report(RuleConditionOperatorType, ls.conditionPath(opName, key), "%s compares %s, but %s holds %s, so the condition never compares as meant; use %s",
			opName, lintTypeNouns[got], quote(key), lintTypeNouns[want], lintTypeOperators[want])
	})
}

// conditionTagFormat reports tag values in the wrong form: CAM writes the
// values of qcs:resource_tag and qcs:request_tag as "key&value", so "env=dev"
// or "env:dev" never matches; the value of a per-tag key
// "qcs:resource_tag/env" is the tag's value alone, so "env&dev" never
// matches.
func (l *linter) conditionTagFormat() {
	l.eachConditionLazy(func(ls *lintStatement, opName string, op Operator, key string, vals []Value) {
		if op.Op.Type() != TypeString {
			return
		}
		switch {
		case key == KeyResourceTag || key == KeyRequestTag:
			for j, v := range vals {
				if strings.Contains(v.Text, "&") || strings.Trim(v.Text, "*") == "" {
					continue
				}
				hint := "write the tag as " + quote("<key>&<value>")
				if i := strings.IndexAny(v.Text, "=:"); i > 0 {
					hint = "did you mean " + quote(v.Text[:i]+"&"+v.Text[i+1:]) + "?"
				}
				l.report(RuleConditionTagFormat, pathIndex(ls.conditionPath(opName, key), j), "%s values are \"key&value\", so %s never matches; %s",
					key, quote(v.Text), hint)
			}
		case lintTagKey(key) != "":
			tag := key[strings.IndexByte(key, '/')+1:]
			for j, v := range vals {
				if value, ok := strings.CutPrefix(v.Text, tag+"&"); ok {
					l.report(RuleConditionTagFormat, pathIndex(ls.conditionPath(opName, key), j), "%s holds the value of tag %s alone, so %s never matches; did you mean %s?",
						key, quote(tag), quote(v.Text), quote(value))
				}
			}
		}
	})
}
