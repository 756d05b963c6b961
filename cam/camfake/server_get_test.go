package camfake_test

import (
	"context"
	"testing"
	"time"

	camapi "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cam/v20190116"
	auditapi "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cloudaudit/v20190319"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/camkit/camkit/cam/camfake"
)

// TestServerGET sends actions whose parameters are lists, nested structs,
// booleans and signed integers as GET requests, which the SDK flattens into
// the query string.
func TestServerGET(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := camfake.Demo()
	s := camfake.NewServer(f)
	defer s.Close()
	id, key := s.Credential()
	p := srvProfile(s)
	p.HttpProfile.ReqMethod = "GET"
	c, err := camapi.NewClient(common.NewCredential(id, key), "ap-guangzhou", p)
	must(t, err)
	a, err := auditapi.NewClient(common.NewCredential(id, key), "ap-guangzhou", p)
	must(t, err)

	dave, _ := f.GetUser(ctx, "dave.kim")
	erin, _ := f.GetUser(ctx, "erin.lopez")
	ds := camapi.NewDescribeSubAccountsRequest()
	ds.FilterSubAccountUin = []*uint64{common.Uint64Ptr(dave.UIN), common.Uint64Ptr(erin.UIN)}
	dr, err := c.DescribeSubAccounts(ds)
	must(t, err)
	if len(dr.Response.SubAccounts) != 2 || *dr.Response.SubAccounts[1].Name != "erin.lopez" {
		t.Errorf("DescribeSubAccounts: %d accounts", len(dr.Response.SubAccounts))
	}

	groups, _ := f.ListGroups(ctx)
	contractors := groups[len(groups)-1]
	ag := camapi.NewAddUserToGroupRequest()
	ag.Info = []*camapi.GroupIdOfUidInfo{
		{GroupId: common.Uint64Ptr(contractors.ID), Uin: common.Uint64Ptr(dave.UIN)},
		{GroupId: common.Uint64Ptr(contractors.ID), Uid: common.Uint64Ptr(erin.UID)},
	}
	_, err = c.AddUserToGroup(ag)
	must(t, err)
	if m, _ := f.ListGroupMembers(ctx, contractors.ID); len(m) != 2 {
		t.Errorf("AddUserToGroup: %d members", len(m))
	}

	pols, _ := f.ListPolicies(ctx, "Local")
	cv := camapi.NewCreatePolicyVersionRequest()
	cv.PolicyId, cv.PolicyDocument, cv.SetAsDefault = common.Uint64Ptr(pols[0].ID), common.StringPtr(srvDoc), common.BoolPtr(true)
	cvr, err := c.CreatePolicyVersion(cv)
	must(t, err)
	vs, _ := f.ListPolicyVersions(ctx, pols[0].ID)
	if len(vs) == 0 || vs[len(vs)-1].Version != *cvr.Response.VersionId || !vs[len(vs)-1].IsDefault {
		t.Errorf("CreatePolicyVersion: versions %+v, want %d the default", vs, *cvr.Response.VersionId)
	}

	pb := camapi.NewPutUserPermissionsBoundaryRequest()
	pb.TargetUin, pb.PolicyId = common.Int64Ptr(int64(dave.UIN)), common.Int64Ptr(int64(pols[0].ID))
	_, err = c.PutUserPermissionsBoundary(pb)
	must(t, err)

	ev := auditapi.NewDescribeEventsRequest()
	ev.StartTime = common.Uint64Ptr(uint64(camfake.DemoTime.Add(-29 * 24 * time.Hour).Unix()))
	ev.EndTime = common.Uint64Ptr(uint64(camfake.DemoTime.Unix()))
	ev.MaxResults = common.Uint64Ptr(50)
	ev.LookupAttributes = []*auditapi.LookupAttribute{{AttributeKey: common.StringPtr("Username"), AttributeValue: common.StringPtr("ops-admin")}}
	er, err := a.DescribeEvents(ev)
	must(t, err)
	if len(er.Response.Events) == 0 {
		t.Error("DescribeEvents: no events by ops-admin")
	}
	for _, e := range er.Response.Events {
		if *e.Username != "ops-admin" {
			t.Errorf("DescribeEvents: event by %s", *e.Username)
		}
	}
}
