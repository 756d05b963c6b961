package tencent_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/camkit/camkit/cam"
	"github.com/camkit/camkit/cam/tencent"
)

func TestAssumeRole(t *testing.T) {
	const tmpKey, tmpToken = "TMPsecretKEY-abcdefghijklmnop", "TMPsessionTOKEN-0123456789"
	expires := time.Now().Add(time.Hour).Truncate(time.Second)
	c, s := newStub(t, func(action string, req map[string]any) (map[string]any, string, string) {
		switch action {
		case "AssumeRole":
			if req["RoleSessionName"] != "review" || num(req, "DurationSeconds") != 900 {
				return nil, "InvalidParameter", fmt.Sprint(req)
			}
			return map[string]any{"Credentials": map[string]any{"TmpSecretId": "AKIDtmp", "TmpSecretKey": tmpKey, "Token": tmpToken},
				"ExpiredTime": expires.Unix()}, "", ""
		case "GetCallerIdentity":
			return map[string]any{"Arn": "qcs::cam::uin/1:uin/2", "AccountId": "1", "UserId": "2", "PrincipalId": "2", "Type": "CAMUser"}, "", ""
		}
		return nil, "UnsupportedOperation", action
	})
	ctx := context.Background()
	creds, err := c.AssumeRole(ctx, tencent.AssumeRoleInput{RoleARN: "qcs::cam::uin/1:roleName/R", SessionName: "review", Duration: 15 * time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	id, key, token := creds.GetCredential()
	if id != "AKIDtmp" || key != tmpKey || token != tmpToken || !creds.Expires.Equal(expires) {
		t.Errorf("credentials not mapped (expires %v)", creds.Expires)
	}
	for _, text := range []string{fmt.Sprintf("%v %+v %#v %s", creds, creds, creds, creds), fmt.Sprintf("%v %+v %#v", *creds, *creds, *creds)} {
		if strings.Contains(text, tmpKey) || strings.Contains(text, tmpToken) || !strings.Contains(text, "AKIDtmp") {
			t.Errorf("printing credentials shows a secret or hides the ID")
		}
	}
	who, err := c.CallerIdentity(ctx)
	if err != nil || who.AccountID != "1" || who.Type != "CAMUser" {
		t.Errorf("CallerIdentity = %+v, %v", who, err)
	}
	for _, in := range []tencent.AssumeRoleInput{
		{SessionName: "review"},
		{RoleARN: "qcs::cam::uin/1:roleName/R", SessionName: "x"},
		{RoleARN: "qcs::cam::uin/1:roleName/R", SessionName: "bad name"},
		{RoleARN: "qcs::cam::uin/1:roleName/R", SessionName: "review", Duration: 13 * time.Hour},
	} {
		before := len(s.actions())
		if _, err := c.AssumeRole(ctx, in); !errors.Is(err, cam.ErrInvalid) || len(s.actions()) != before {
			t.Errorf("AssumeRole(%+v) = %v, want a local cam.ErrInvalid", in, err)
		}
	}
}

func TestClientPrinting(t *testing.T) {
	c, _ := newStub(t, nil)
	for _, text := range []string{fmt.Sprintf("%v|%+v|%#v|%s", c, c, c, c), fmt.Sprintf("%v|%+v|%#v", *c, *c, *c)} {
		if strings.Contains(text, testKey) || strings.Contains(text, testToken) || strings.Contains(text, testID) {
			t.Errorf("printing a Client shows its credential")
		}
		if !strings.Contains(text, "tencent.Client{region: ap-guangzhou") {
			t.Errorf("printing a Client: %s", text)
		}
	}
}
