package camfake

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/internal/msgtext"
)

// Error codes the server itself answers with: Tencent Cloud API 3.0's common
// error codes and the STS and CloudAudit codes for the same failures.
const (
	codeAuthInvalid          = "AuthFailure.InvalidAuthorization"
	codeAuthSecretID         = "AuthFailure.SecretIdNotFound"
	codeAuthSignature        = "AuthFailure.SignatureFailure"
	codeAuthExpired          = "AuthFailure.SignatureExpire"
	codeAuthToken            = "AuthFailure.TokenFailure"
	codeInvalidAction        = "InvalidAction"
	codeNoSuchVersion        = "NoSuchVersion"
	codeInvalidParameter     = "InvalidParameter"
	codeInvalidValue         = "InvalidParameterValue"
	codeMissingParameter     = "MissingParameter"
	codeUnknownParameter     = "UnknownParameter"
	codeUnsupportedOperation = "UnsupportedOperation"
	codeUnsupportedProtocol  = "UnsupportedProtocol"
	codeRequestSizeLimit     = "RequestSizeLimitExceeded"
	codeSTSParam             = "InvalidParameter.ParamError"
	codeSTSOverTime          = "InvalidParameter.OverTimeError"
	codeSTSRoleNotFound      = "ResourceNotFound.RoleNotFound"
	codeSTSPolicyFormat      = "InvalidParameter.StrategyFormatError"
	codeSTSPolicyInvalid     = "InvalidParameter.StrategyInvalid"
	codeAuditMaxResult       = "InvalidParameterValue.MaxResult"
	codeAuditAttributeKey    = "InvalidParameterValue.attributeKey"
)

// wireError is an error the server answers with: a Tencent Cloud error code and
// message.
type wireError struct {
	code, message string
}

func (e *wireError) Error() string { return "camfake: server: " + e.code + ": " + e.message }

// wireErr makes a wireError. Control characters and other unprintable runes
// in the message (a hostile parameter name, header or role name) are written
// as Go escapes such as \x1b, so that the message cannot break the client's
// logs or terminal.
func wireErr(code, format string, args ...any) error {
	return &wireError{code: code, message: msgtext.Escape(fmt.Sprintf(format, args...))}
}

// toWire maps any error onto the code and message the server sends:
// *cam.APIError's code and message pass through (with its request ID, if any),
// the server's own errors keep theirs, a cancelled or timed-out request is an
// InternalError, and so is anything else. A nil error has no code.
func toWire(err error) (code, message, requestID string) {
	if err == nil {
		return "", "", ""
	}
	var we *wireError
	var ae *cam.APIError
	switch {
	case errors.As(err, &we):
		return we.code, we.message, ""
	case errors.As(err, &ae):
		code = ae.Code
		if code == "" {
			code = codeInternal
		}
		return code, ae.Message, ae.RequestID
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return codeInternal, "the request was cancelled or timed out before it completed", ""
	}
	return codeInternal, err.Error(), ""
}

// writeError writes err as {"Response":{"Error":{"Code","Message"},"RequestId"}}.
// The message never carries the server's secret keys.
func (s *Server) writeError(w http.ResponseWriter, reqID string, err error) {
	code, msg, id := toWire(err)
	if id != "" {
		reqID = id
	}
	type errBody struct {
		Code    string `json:"Code"`
		Message string `json:"Message"`
	}
	type resp struct {
		Error     errBody `json:"Error"`
		RequestID string  `json:"RequestId"`
	}
	body, _ := json.Marshal(struct {
		Response resp `json:"Response"`
	}{resp{errBody{code, s.scrub(msg)}, reqID}}) // plain strings: never fails
	writeJSON(w, reqID, body)
}

// writeResult writes out, a JSON object, as {"Response":{...,"RequestId"}}.
func (s *Server) writeResult(w http.ResponseWriter, reqID string, out any) {
	b, err := json.Marshal(out)
	if err != nil || len(b) < 2 || b[0] != '{' {
		s.writeError(w, reqID, wireErr(codeInternal, "encoding the response failed"))
		return
	}
	id, _ := json.Marshal(reqID)
	var full strings.Builder
	full.WriteString(`{"Response":{`)
	if inner := b[1 : len(b)-1]; len(inner) > 0 {
		full.Write(inner)
		full.WriteByte(',')
	}
	full.WriteString(`"RequestId":`)
	full.Write(id)
	full.WriteString("}}")
	writeJSON(w, reqID, []byte(full.String()))
}

func writeJSON(w http.ResponseWriter, reqID string, body []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-TC-RequestId", reqID)
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}

// scrub removes every secret key the server knows from msg.
func (s *Server) scrub(msg string) string {
	msg = strings.ReplaceAll(msg, s.secretKey, "[secret]")
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, key := range s.keySecrets {
		msg = strings.ReplaceAll(msg, key, "[secret]")
	}
	for _, tc := range s.temp {
		msg = strings.ReplaceAll(msg, tc.secretKey, "[secret]")
		msg = strings.ReplaceAll(msg, tc.token, "[token]")
	}
	return msg
}

// decodeParams decodes a request body into the action's parameters, strictly:
// unknown fields are UnknownParameter, wrongly typed ones InvalidParameter,
// both naming the field.
func decodeParams(body []byte, v any) error {
	if len(bytes.TrimSpace(body)) == 0 {
		body = []byte("{}")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil && dec.More() {
		err = errors.New("trailing data")
	}
	if err == nil {
		return nil
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		field := te.Field
		if field == "" {
			return wireErr(codeInvalidParameter, "the request body must be a JSON object")
		}
		return wireErr(codeInvalidParameter, "the parameter %s has the wrong type: %s is not a %s", field, te.Value, te.Type)
	}
	if f, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return wireErr(codeUnknownParameter, "the parameter %s is not recognized", strings.Trim(f, `"`))
	}
	return wireErr(codeInvalidParameter, "the request body is not valid JSON: %v", err)
}
