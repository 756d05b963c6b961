package policy

import "strings"

// AWS IAM spellings and their CAM equivalents, for the hints of Parse,
// ParseOperator, Validate and Lint. People who know AWS IAM write its
// operators and keys by habit; CAM ignores an unknown key and rejects an
// unknown operator, so each gets the CAM spelling in the message.

// awsOperators maps AWS IAM condition operators to CAM's.
var awsOperators = map[string]string{
	"StringEquals":              "string_equal",
	"StringNotEquals":           "string_not_equal",
	"StringEqualsIgnoreCase":    "string_equal_ignore_case",
	"StringNotEqualsIgnoreCase": "string_not_equal_ignore_case",
	"StringLike":                "string_like",
	"StringNotLike":             "string_not_like",
	"NumericEquals":             "numeric_equal",
	"NumericNotEquals":          "numeric_not_equal",
	"NumericLessThan":           "numeric_less_than",
	"NumericLessThanEquals":     "numeric_less_than_equal",
	"NumericGreaterThan":        "numeric_greater_than",
	"NumericGreaterThanEquals":  "numeric_greater_than_equal",
	"DateEquals":                "date_equal",
	"DateNotEquals":             "date_not_equal",
	"DateLessThan":              "date_less_than",
	"DateLessThanEquals":        "date_less_than_equal",
	"DateGreaterThan":           "date_greater_than",
	"DateGreaterThanEquals":     "date_greater_than_equal",
	"Bool":                      "bool_equal",
	"BinaryEquals":              "binary_equal",
	"IpAddress":                 "ip_equal",
	"NotIpAddress":              "ip_not_equal",
	"Null":                      "null_equal",
}

// awsOperatorCAM returns CAM's spelling of an AWS IAM condition operator,
// with its ForAnyValue:/ForAllValues: prefix and IfExists suffix translated,
// or "" when op is not an AWS operator.
func awsOperatorCAM(op string) string {
	prefix := ""
	switch {
	case strings.HasPrefix(op, "ForAnyValue:"):
		prefix, op = "for_any_value:", op[len("ForAnyValue:"):]
	case strings.HasPrefix(op, "ForAllValues:"):
		prefix, op = "for_all_value:", op[len("ForAllValues:"):]
	}
	suffix := ""
	if base, ok := strings.CutSuffix(op, "IfExists"); ok {
		suffix, op = "_if_exist", base
	}
	cam, ok := awsOperators[op]
	if !ok {
		return ""
	}
	return prefix + cam + suffix
}

// awsKeys maps AWS IAM global condition keys to CAM's, with a note when the
// value is written differently.
var awsKeys = map[string]string{
	"aws:SourceIp":         `"qcs:ip"`,
	"aws:CurrentTime":      `"qcs:current_time"`,
	"aws:SourceVpc":        `"qcs:vpc"`,
	"aws:SecureTransport":  `"cos:secure-transport" (COS)`,
	"aws:userid":           `"qcs:uin"`,
	"aws:PrincipalAccount": `"qcs:owner_uin"`,
}

// awsKeyCAM returns a hint naming CAM's spelling of an AWS IAM condition
// key, or "" when key is not one.
func awsKeyCAM(key string) string {
	if cam, ok := awsKeys[key]; ok {
		return quote(key) + " is AWS's key; CAM writes " + cam
	}
	for aws, cam := range map[string]string{"aws:ResourceTag/": KeyResourceTag, "aws:RequestTag/": KeyRequestTag} {
		if tag, ok := strings.CutPrefix(key, aws); ok {
			return quote(key) + " is AWS's key; CAM writes " + quote(cam) + " with values " + quote(tag+"&<value>")
		}
	}
	if strings.HasPrefix(key, "aws:") {
		return quote(key) + " is an AWS key; CAM's global keys start with qcs: (qcs:ip, qcs:current_time, qcs:resource_tag, ...)"
	}
	return ""
}
