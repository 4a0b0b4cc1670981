package awsauth_test

import (
	"encoding/base64"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	ststypes "github.com/aws/aws-sdk-go-v2/service/sts/types"

	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox/awsauth"
	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox/sandboxtest"
)

const (
	acctA = "111111111111"
	acctB = "222222222222"
	roleB = "arn:aws:iam::222222222222:role/deploy"
)

func stsClient(url, ak, sk, token string) *sts.Client {
	return sts.NewFromConfig(aws.Config{
		Region:           "us-east-1",
		Credentials:      credentials.NewStaticCredentialsProvider(ak, sk, token),
		BaseEndpoint:     aws.String(url),
		RetryMaxAttempts: 1,
	})
}

func ecsClientWith(url string, c *ststypes.Credentials) *ecs.Client {
	return ecs.NewFromConfig(aws.Config{
		Region: "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider(aws.ToString(c.AccessKeyId),
			aws.ToString(c.SecretAccessKey), aws.ToString(c.SessionToken)),
		BaseEndpoint:     aws.String(url),
		RetryMaxAttempts: 1,
	})
}

// stsEnv starts a sandbox with an IAM user in account A and a role in
// account B.
func stsEnv(t *testing.T, opts sandbox.Options) *sandboxtest.Env {
	t.Helper()
	e := sandboxtest.Start(t, opts)
	e.Srv.AddAccessKey("AKIAUSERA", "secret-a", acctA, "arn:aws:iam::111111111111:user/ci")
	e.Srv.AddRole(awsauth.Role{ARN: roleB})
	return e
}

func TestSTSGetCallerIdentity(t *testing.T) {
	e := stsEnv(t, sandbox.Options{})
	e.Srv.AddAccessKey("AKIADEFAULT", "secret-d", "", "")
	for _, tc := range []struct{ key, secret, account, arn string }{
		{"AKIAUSERA", "secret-a", acctA, "arn:aws:iam::111111111111:user/ci"},
		{"AKIADEFAULT", "secret-d", sandbox.DefaultAccount, "arn:aws:iam::123456789012:user/sandbox"},
	} {
		out, err := stsClient(e.HTTP.URL, tc.key, tc.secret, "").GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
		if err != nil {
			t.Fatal(err)
		}
		if aws.ToString(out.Account) != tc.account || aws.ToString(out.Arn) != tc.arn ||
			!strings.HasPrefix(aws.ToString(out.UserId), "AIDA") || len(aws.ToString(out.UserId)) != 21 {
			t.Errorf("%s: got %s %s %s", tc.key, aws.ToString(out.Account), aws.ToString(out.Arn), aws.ToString(out.UserId))
		}
	}

	_, err := stsClient(e.HTTP.URL, "AKIAUNKNOWN", "x", "").GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	sandboxtest.WantCode(t, err, "InvalidClientTokenId")
	sandboxtest.AssertStatus(t, err, http.StatusForbidden)
	_, err = stsClient(e.HTTP.URL, "AKIAUSERA", "wrong", "").GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	sandboxtest.WantCode(t, err, "SignatureDoesNotMatch")
	sandboxtest.AssertStatus(t, err, http.StatusForbidden)
	_, err = sts.NewFromConfig(aws.Config{Region: "us-east-1", BaseEndpoint: aws.String(e.HTTP.URL), RetryMaxAttempts: 1,
		Credentials: aws.AnonymousCredentials{}}).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	sandboxtest.WantCode(t, err, "MissingAuthenticationToken")

	// Unknown keys are refused by ECS too, and STS calls are counted apart.
	_, err = sandboxtest.ECSClient(e.HTTP.URL, "us-east-1", "AKIAUNKNOWN", "x").ListClusters(ctx, &ecs.ListClustersInput{})
	sandboxtest.WantCode(t, err, "UnrecognizedClientException")
	st := e.Srv.Stats()
	if st.Calls["sts:GetCallerIdentity"] != 5 || st.Calls["ListClusters"] != 1 || e.Srv.ECSCalls() != 1 {
		t.Errorf("calls %v, ECS calls %d", st.Calls, e.Srv.ECSCalls())
	}
}

// Without registered keys, STS answers unverified callers as a user of
// Options.Account (or of Options.AccountsByAccessKey).
func TestSTSUnverified(t *testing.T) {
	e := sandboxtest.Start(t, sandbox.Options{Account: acctA, AccountsByAccessKey: map[string]string{"AKIAB": acctB}})
	out, err := stsClient(e.HTTP.URL, "ANY", "THING", "").GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil || aws.ToString(out.Account) != acctA {
		t.Fatalf("%v %+v", err, out)
	}
	out, err = stsClient(e.HTTP.URL, "AKIAB", "THING", "").GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil || aws.ToString(out.Account) != acctB || aws.ToString(out.Arn) != "arn:aws:iam::222222222222:user/sandbox" {
		t.Fatalf("%v %+v", err, out)
	}
}

func TestSTSAssumeRoleAccounts(t *testing.T) {
	e := stsEnv(t, sandbox.Options{})
	userA := sandboxtest.ECSClient(e.HTTP.URL, "us-east-1", "AKIAUSERA", "secret-a")
	sandboxtest.MustCreate(t, userA, &ecs.CreateClusterInput{ClusterName: aws.String("in-a")})

	before := time.Now()
	out, err := stsClient(e.HTTP.URL, "AKIAUSERA", "secret-a", "").AssumeRole(ctx, &sts.AssumeRoleInput{
		RoleArn: aws.String(roleB), RoleSessionName: aws.String("ci@build-1"), DurationSeconds: aws.Int32(1800)})
	if err != nil {
		t.Fatal(err)
	}
	c := out.Credentials
	if !strings.HasPrefix(aws.ToString(c.AccessKeyId), "ASIA") || len(aws.ToString(c.AccessKeyId)) != 20 ||
		aws.ToString(c.SecretAccessKey) == "" || aws.ToString(c.SessionToken) == "" {
		t.Fatalf("credentials %+v", c)
	}
	if exp := c.Expiration.Sub(before); exp < 29*time.Minute || exp > 31*time.Minute {
		t.Errorf("expiration in %s, want 30m", exp)
	}
	if got := aws.ToString(out.AssumedRoleUser.Arn); got != "arn:aws:sts::222222222222:assumed-role/deploy/ci@build-1" {
		t.Errorf("assumed role ARN %s", got)
	}
	if id := aws.ToString(out.AssumedRoleUser.AssumedRoleId); !strings.HasPrefix(id, "AROA") || !strings.HasSuffix(id, ":ci@build-1") {
		t.Errorf("assumed role id %s", id)
	}

	who, err := stsClient(e.HTTP.URL, aws.ToString(c.AccessKeyId), aws.ToString(c.SecretAccessKey), aws.ToString(c.SessionToken)).
		GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(who.Account) != acctB || aws.ToString(who.Arn) != aws.ToString(out.AssumedRoleUser.Arn) ||
		aws.ToString(who.UserId) != aws.ToString(out.AssumedRoleUser.AssumedRoleId) {
		t.Errorf("caller %+v", who)
	}

	// The role's session acts in account B: it cannot see account A's
	// cluster, and what it creates stays in B.
	inB := ecsClientWith(e.HTTP.URL, c)
	list, err := inB.ListClusters(ctx, &ecs.ListClustersInput{})
	if err != nil {
		t.Fatal(err)
	}
	if len(list.ClusterArns) != 0 {
		t.Errorf("account B sees %v", list.ClusterArns)
	}
	created := sandboxtest.MustCreate(t, inB, &ecs.CreateClusterInput{ClusterName: aws.String("in-b")})
	if got := aws.ToString(created.ClusterArn); got != "arn:aws:ecs:us-east-1:222222222222:cluster/in-b" {
		t.Errorf("cluster ARN %s", got)
	}
	list, err = userA.ListClusters(ctx, &ecs.ListClustersInput{})
	if err != nil || len(list.ClusterArns) != 1 || !strings.HasSuffix(list.ClusterArns[0], ":111111111111:cluster/in-a") {
		t.Errorf("account A sees %v (%v)", list.ClusterArns, err)
	}

	// The temporary key needs its session token.
	for _, token := range []string{"", "not-the-token"} {
		noToken := ecsClientWith(e.HTTP.URL, &ststypes.Credentials{AccessKeyId: c.AccessKeyId, SecretAccessKey: c.SecretAccessKey, SessionToken: aws.String(token)})
		_, err = noToken.ListClusters(ctx, &ecs.ListClustersInput{})
		sandboxtest.WantCode(t, err, "UnrecognizedClientException")
		_, err = stsClient(e.HTTP.URL, aws.ToString(c.AccessKeyId), aws.ToString(c.SecretAccessKey), token).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
		sandboxtest.WantCode(t, err, "InvalidClientTokenId")
	}
	// A wrong secret with the right token is a bad signature.
	_, err = ecsClientWith(e.HTTP.URL, &ststypes.Credentials{AccessKeyId: c.AccessKeyId, SecretAccessKey: aws.String("x"), SessionToken: c.SessionToken}).
		ListClusters(ctx, &ecs.ListClustersInput{})
	sandboxtest.WantCode(t, err, "InvalidSignatureException")
}

func TestSTSAssumeRoleExpiry(t *testing.T) {
	clock := sandboxtest.NewClockAt(time.Now())
	e := stsEnv(t, sandbox.Options{Now: clock.Now})
	out, err := stsClient(e.HTTP.URL, "AKIAUSERA", "secret-a", "").AssumeRole(ctx, &sts.AssumeRoleInput{
		RoleArn: aws.String(roleB), RoleSessionName: aws.String("short"), DurationSeconds: aws.Int32(900)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ecsClientWith(e.HTTP.URL, out.Credentials).ListClusters(ctx, &ecs.ListClustersInput{}); err != nil {
		t.Fatal(err)
	}
	// The clock moves past the expiration, still within the 15 minutes of
	// clock skew allowed to the request's signing time.
	clock.Advance(15*time.Minute + time.Second)
	_, err = ecsClientWith(e.HTTP.URL, out.Credentials).ListClusters(ctx, &ecs.ListClustersInput{})
	sandboxtest.WantCode(t, err, "ExpiredTokenException")
	sandboxtest.AssertStatus(t, err, http.StatusBadRequest)
}

func TestSTSAssumeRoleRefusals(t *testing.T) {
	e := stsEnv(t, sandbox.Options{})
	e.Srv.AddRole(awsauth.Role{ARN: "arn:aws:iam::222222222222:role/path/to/vendor", ExternalID: "s3cr3t-id", MaxSessionDuration: 2 * time.Hour})
	c := stsClient(e.HTTP.URL, "AKIAUSERA", "secret-a", "")
	assume := func(in *sts.AssumeRoleInput) error {
		t.Helper()
		if in.RoleSessionName == nil {
			in.RoleSessionName = aws.String("session")
		}
		_, err := c.AssumeRole(ctx, in)
		return err
	}

	err := assume(&sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::222222222222:role/unknown")})
	sandboxtest.WantCode(t, err, "AccessDenied")
	sandboxtest.AssertStatus(t, err, http.StatusForbidden)
	if want := "User: arn:aws:iam::111111111111:user/ci is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::222222222222:role/unknown"; !strings.Contains(err.Error(), want) {
		t.Errorf("message: %v", err)
	}

	vendor := aws.String("arn:aws:iam::222222222222:role/path/to/vendor")
	sandboxtest.WantCode(t, assume(&sts.AssumeRoleInput{RoleArn: vendor}), "AccessDenied")
	sandboxtest.WantCode(t, assume(&sts.AssumeRoleInput{RoleArn: vendor, ExternalId: aws.String("wrong-id")}), "AccessDenied")
	out, err := c.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: vendor, RoleSessionName: aws.String("vendor-session"), ExternalId: aws.String("s3cr3t-id"), DurationSeconds: aws.Int32(7200)})
	if err != nil {
		t.Fatal(err)
	}
	if got := aws.ToString(out.AssumedRoleUser.Arn); got != "arn:aws:sts::222222222222:assumed-role/vendor/vendor-session" {
		t.Errorf("assumed role ARN %s", got)
	}

	for _, tc := range []struct {
		name string
		in   sts.AssumeRoleInput
		code string
	}{
		{"duration too short", sts.AssumeRoleInput{DurationSeconds: aws.Int32(899)}, "ValidationError"},
		{"duration over the role's maximum", sts.AssumeRoleInput{DurationSeconds: aws.Int32(3601)}, "ValidationError"},
		{"duration over 12h", sts.AssumeRoleInput{DurationSeconds: aws.Int32(43201)}, "ValidationError"},
		{"session name too short", sts.AssumeRoleInput{RoleSessionName: aws.String("a")}, "ValidationError"},
		{"session name too long", sts.AssumeRoleInput{RoleSessionName: aws.String(strings.Repeat("a", 65))}, "ValidationError"},
		{"session name with a space", sts.AssumeRoleInput{RoleSessionName: aws.String("my session")}, "ValidationError"},
		{"policy not JSON", sts.AssumeRoleInput{Policy: aws.String("{not json")}, "MalformedPolicyDocument"},
		{"policy over 2048", sts.AssumeRoleInput{Policy: aws.String(`{"Version":"2012-10-17","Statement":[],"x":"` + strings.Repeat("a", 2048) + `"}`)}, "ValidationError"},
		{"policy and ARNs over 2048", sts.AssumeRoleInput{Policy: aws.String(`{"x":"` + strings.Repeat("a", 1990) + `"}`),
			PolicyArns: []ststypes.PolicyDescriptorType{{Arn: aws.String("arn:aws:iam::aws:policy/ReadOnlyAccess")}, {Arn: aws.String("arn:aws:iam::aws:policy/AmazonECS_FullAccess")}}}, "PackedPolicyTooLarge"},
		{"11 policy ARNs", sts.AssumeRoleInput{PolicyArns: policyArns(11)}, "ValidationError"},
		{"short policy ARN", sts.AssumeRoleInput{PolicyArns: []ststypes.PolicyDescriptorType{{Arn: aws.String("arn:aws:iam::x")}}}, "ValidationError"},
		{"51 tags", sts.AssumeRoleInput{Tags: sessionTags(51)}, "ValidationError"},
		{"tag key too long", sts.AssumeRoleInput{Tags: []ststypes.Tag{{Key: aws.String(strings.Repeat("k", 129)), Value: aws.String("v")}}}, "ValidationError"},
		{"tag value with a bad character", sts.AssumeRoleInput{Tags: []ststypes.Tag{{Key: aws.String("k"), Value: aws.String("a;b")}}}, "ValidationError"},
		{"tag keys differing in case", sts.AssumeRoleInput{Tags: []ststypes.Tag{{Key: aws.String("Team"), Value: aws.String("a")}, {Key: aws.String("team"), Value: aws.String("b")}}}, "InvalidParameterValue"},
		{"transitive key not a tag", sts.AssumeRoleInput{Tags: sessionTags(1), TransitiveTagKeys: []string{"other"}}, "InvalidParameterValue"},
		{"source identity with aws: prefix", sts.AssumeRoleInput{SourceIdentity: aws.String("aws:me")}, "ValidationError"},
		{"source identity too short", sts.AssumeRoleInput{SourceIdentity: aws.String("a")}, "ValidationError"},
		{"external id too short", sts.AssumeRoleInput{ExternalId: aws.String("x")}, "ValidationError"},
		{"minimum token size over 4096", sts.AssumeRoleInput{MinimumSessionTokenSize: aws.Int32(4097)}, "ValidationError"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.in
			in.RoleArn = aws.String(roleB)
			err := assume(&in)
			sandboxtest.WantCode(t, err, tc.code)
			sandboxtest.AssertStatus(t, err, http.StatusBadRequest)
		})
	}

	// Everything valid at its limits is accepted.
	out, err = c.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String(roleB), RoleSessionName: aws.String(strings.Repeat("s", 64)),
		Policy:     aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ecs:*","Resource":"*"}]}`),
		PolicyArns: policyArns(10), Tags: sessionTags(50), TransitiveTagKeys: []string{"key1", "KEY2"},
		SourceIdentity: aws.String("alice@example.com"), DurationSeconds: aws.Int32(900), MinimumSessionTokenSize: aws.Int32(4096)})
	if err != nil {
		t.Fatal(err)
	}
	packed := out.PackedPolicySize //nolint:staticcheck // STS still returns it
	if packed == nil || *packed <= 0 || aws.ToString(out.SourceIdentity) != "alice@example.com" {
		t.Errorf("packed size %v, source identity %v", packed, out.SourceIdentity)
	}
	if n := len(aws.ToString(out.Credentials.SessionToken)); n < 4096 || aws.ToInt32(out.SessionTokenSize) != int32(n) {
		t.Errorf("session token of %d bytes, size %v", n, out.SessionTokenSize)
	}
	if n := e.Srv.Stats().Calls["sts:AssumeRole"]; n != 25 {
		t.Errorf("sts:AssumeRole calls %d", n)
	}
}

func TestSTSRoleChaining(t *testing.T) {
	e := stsEnv(t, sandbox.Options{})
	e.Srv.AddRole(awsauth.Role{ARN: "arn:aws:iam::333333333333:role/second", MaxSessionDuration: 4 * time.Hour})
	first, err := stsClient(e.HTTP.URL, "AKIAUSERA", "secret-a", "").AssumeRole(ctx, &sts.AssumeRoleInput{
		RoleArn: aws.String(roleB), RoleSessionName: aws.String("first"), SourceIdentity: aws.String("alice")})
	if err != nil {
		t.Fatal(err)
	}
	fc := first.Credentials
	chained := stsClient(e.HTTP.URL, aws.ToString(fc.AccessKeyId), aws.ToString(fc.SecretAccessKey), aws.ToString(fc.SessionToken))
	// Role chaining is limited to one hour whatever the role's maximum.
	_, err = chained.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::333333333333:role/second"),
		RoleSessionName: aws.String("second"), DurationSeconds: aws.Int32(7200)})
	sandboxtest.WantCode(t, err, "ValidationError")
	// The source identity cannot change along the chain.
	_, err = chained.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::333333333333:role/second"),
		RoleSessionName: aws.String("second"), SourceIdentity: aws.String("bob")})
	sandboxtest.WantCode(t, err, "AccessDenied")
	if !strings.Contains(err.Error(), "User: arn:aws:sts::222222222222:assumed-role/deploy/first is not authorized") {
		t.Errorf("message: %v", err)
	}
	second, err := chained.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::333333333333:role/second"),
		RoleSessionName: aws.String("second")})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(second.SourceIdentity) != "alice" {
		t.Errorf("source identity %v", second.SourceIdentity)
	}
	sc := second.Credentials
	who, err := stsClient(e.HTTP.URL, aws.ToString(sc.AccessKeyId), aws.ToString(sc.SecretAccessKey), aws.ToString(sc.SessionToken)).
		GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(who.Account) != "333333333333" || aws.ToString(who.Arn) != "arn:aws:sts::333333333333:assumed-role/second/second" {
		t.Errorf("caller %+v", who)
	}
	created := sandboxtest.MustCreate(t, ecsClientWith(e.HTTP.URL, sc), &ecs.CreateClusterInput{ClusterName: aws.String("chained")})
	if !strings.Contains(aws.ToString(created.ClusterArn), ":333333333333:") {
		t.Errorf("cluster ARN %s", aws.ToString(created.ClusterArn))
	}
}

// The key of Options works as a registered key of Options.Account.
func TestSTSOptionsKey(t *testing.T) {
	e := sandboxtest.Start(t, sandbox.Options{AccessKey: "AKID", SecretKey: "SECRET", Account: acctA})
	out, err := stsClient(e.HTTP.URL, "AKID", "SECRET", "").GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil || aws.ToString(out.Account) != acctA {
		t.Fatalf("%v %+v", err, out)
	}
	e.Srv.AddRole(awsauth.Role{ARN: roleB})
	e.Srv.Reset()
	// Reset drops the role, keeps the key of Options.
	_, err = stsClient(e.HTTP.URL, "AKID", "SECRET", "").AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String(roleB), RoleSessionName: aws.String("after-reset")})
	sandboxtest.WantCode(t, err, "AccessDenied")
}

func policyArns(n int) []ststypes.PolicyDescriptorType {
	out := make([]ststypes.PolicyDescriptorType, n)
	for i := range out {
		out[i].Arn = aws.String("arn:aws:iam::aws:policy/Policy" + string(rune('A'+i)))
	}
	return out
}

func sessionTags(n int) []ststypes.Tag {
	out := make([]ststypes.Tag, n)
	for i := range out {
		out[i] = ststypes.Tag{Key: aws.String("key" + strconv.Itoa(i+1)), Value: aws.String("value " + strconv.Itoa(i+1))}
	}
	return out
}

// The wire format: STS's XML documents, and routing by Action or by the
// credential scope.
func TestSTSWireFormat(t *testing.T) {
	e := sandboxtest.Start(t, sandbox.Options{Account: acctA})
	form := func(body string, hdr ...string) (int, string) {
		t.Helper()
		req, err := http.NewRequest(http.MethodPost, e.HTTP.URL+"/", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
		for i := 0; i+1 < len(hdr); i += 2 {
			req.Header.Set(hdr[i], hdr[i+1])
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	status, body := form("Action=GetCallerIdentity&Version=2011-06-15")
	if status != 200 || !strings.HasPrefix(body, `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><UserId>AIDA`) ||
		!strings.Contains(body, "<Account>111111111111</Account><Arn>arn:aws:iam::111111111111:user/sandbox</Arn></GetCallerIdentityResult><ResponseMetadata><RequestId>") {
		t.Errorf("%d %s", status, body)
	}
	status, body = form("Action=GetFederationToken&Version=2011-06-15")
	if status != 400 || !strings.HasPrefix(body, `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>`) ||
		!strings.Contains(body, "</Message></Error><RequestId>") {
		t.Errorf("%d %s", status, body)
	}
	status, body = form("Action=GetCallerIdentity&Version=2010-01-01")
	if status != 400 || !strings.Contains(body, "<Code>InvalidAction</Code>") {
		t.Errorf("%d %s", status, body)
	}
	status, body = form("Version=2011-06-15", "Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=00")
	if status != 400 || !strings.Contains(body, "<Code>MissingAction</Code>") {
		t.Errorf("%d %s", status, body)
	}
	// A form without Action is not STS: the ECS protocol answers.
	status, body = form("a=b")
	if status != 400 || !strings.Contains(body, `"__type":"UnknownOperationException"`) {
		t.Errorf("%d %s", status, body)
	}
	// Once keys are registered, the refusal is an STS error document too.
	e.Srv.AddAccessKey("AKIAUSERA", "secret-a", acctA, "")
	status, body = form("Action=GetCallerIdentity&Version=2011-06-15")
	if status != 403 || !strings.Contains(body, "<Type>Sender</Type><Code>MissingAuthenticationToken</Code>") {
		t.Errorf("%d %s", status, body)
	}
	if n := e.Srv.Stats().Calls["sts:GetCallerIdentity"]; n != 3 || e.Srv.ECSCalls() != 1 {
		t.Errorf("calls %v", e.Srv.Stats().Calls)
	}
}

const webRole = "arn:aws:iam::222222222222:role/hcp-terraform"

func anonymousSTS(url string) *sts.Client {
	return sts.NewFromConfig(aws.Config{Region: "us-east-1", BaseEndpoint: aws.String(url), RetryMaxAttempts: 1})
}

func TestSTSAssumeRoleWithWebIdentity(t *testing.T) {
	clock := sandboxtest.NewClockAt(time.Now())
	e := stsEnv(t, sandbox.Options{Now: clock.Now})
	e.Srv.AddRole(awsauth.Role{ARN: webRole, WebIdentityAudiences: []string{"aws.workload.identity", "other"}, MaxSessionDuration: 2 * time.Hour})
	sandboxtest.MustCreate(t, sandboxtest.ECSClient(e.HTTP.URL, "us-east-1", "AKIAUSERA", "secret-a"), &ecs.CreateClusterInput{ClusterName: aws.String("in-a")})

	token := awsauth.MintWebIdentityToken("https://app.terraform.io", "organization:acme:project:p:workspace:w:run_phase:apply",
		[]string{"something-else", "aws.workload.identity"}, clock.Now().Add(10*time.Minute))
	out, err := anonymousSTS(e.HTTP.URL).AssumeRoleWithWebIdentity(ctx, &sts.AssumeRoleWithWebIdentityInput{
		RoleArn: aws.String(webRole), RoleSessionName: aws.String("run-1"), WebIdentityToken: aws.String(token), DurationSeconds: aws.Int32(7200)})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(out.SubjectFromWebIdentityToken) != "organization:acme:project:p:workspace:w:run_phase:apply" ||
		aws.ToString(out.Audience) != "aws.workload.identity" || aws.ToString(out.Provider) != "https://app.terraform.io" ||
		aws.ToString(out.AssumedRoleUser.Arn) != "arn:aws:sts::222222222222:assumed-role/hcp-terraform/run-1" {
		t.Errorf("result %+v %+v", out, out.AssumedRoleUser)
	}
	if d := out.Credentials.Expiration.Sub(clock.Now()); d < 2*time.Hour-time.Minute || d > 2*time.Hour+time.Minute {
		t.Errorf("expires in %s", d)
	}
	c := out.Credentials
	who, err := stsClient(e.HTTP.URL, aws.ToString(c.AccessKeyId), aws.ToString(c.SecretAccessKey), aws.ToString(c.SessionToken)).
		GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil || aws.ToString(who.Account) != acctB || aws.ToString(who.Arn) != aws.ToString(out.AssumedRoleUser.Arn) {
		t.Fatalf("%v %+v", err, who)
	}
	list, err := ecsClientWith(e.HTTP.URL, c).ListClusters(ctx, &ecs.ListClustersInput{})
	if err != nil || len(list.ClusterArns) != 0 {
		t.Errorf("account B sees %v (%v)", list, err)
	}

	// A single audience as a string works too.
	single := awsauth.MintWebIdentityToken("https://token.actions.githubusercontent.com", "repo:acme/infra:ref:refs/heads/main",
		[]string{"other"}, clock.Now().Add(time.Minute))
	if _, err := anonymousSTS(e.HTTP.URL).AssumeRoleWithWebIdentity(ctx, &sts.AssumeRoleWithWebIdentityInput{
		RoleArn: aws.String(webRole), RoleSessionName: aws.String("gha"), WebIdentityToken: aws.String(single)}); err != nil {
		t.Fatal(err)
	}
	if n := e.Srv.Stats().Calls["sts:AssumeRoleWithWebIdentity"]; n != 2 {
		t.Errorf("calls %v", e.Srv.Stats().Calls)
	}
}

func TestSTSAssumeRoleWithWebIdentityRefusals(t *testing.T) {
	clock := sandboxtest.NewClockAt(time.Now())
	e := stsEnv(t, sandbox.Options{Now: clock.Now})
	e.Srv.AddRole(awsauth.Role{ARN: webRole, WebIdentityAudiences: []string{"aws.workload.identity"}})
	good := func(aud ...string) string {
		return awsauth.MintWebIdentityToken("https://app.terraform.io", "sub", aud, clock.Now().Add(10*time.Minute))
	}
	b64 := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
	header := b64(`{"alg":"RS256","typ":"JWT"}`)
	exp := strconv.FormatInt(clock.Now().Add(time.Hour).Unix(), 10)
	for _, tc := range []struct {
		name, role, token string
		duration          int32
		code              string
		status            int
	}{
		{"expired", webRole, awsauth.MintWebIdentityToken("https://app.terraform.io", "sub", []string{"aws.workload.identity"}, clock.Now().Add(-time.Second)), 0, "ExpiredTokenException", 400},
		{"wrong audience", webRole, good("sts.amazonaws.com"), 0, "InvalidIdentityToken", 400},
		{"role without audiences", roleB, good("aws.workload.identity"), 0, "AccessDenied", 403},
		{"unknown role", "arn:aws:iam::222222222222:role/nope", good("aws.workload.identity"), 0, "AccessDenied", 403},
		{"duration over the role's maximum", webRole, good("aws.workload.identity"), 3601, "ValidationError", 400},
		{"not a JWT", webRole, "not-a-jwt", 0, "InvalidIdentityToken", 400},
		{"two parts", webRole, header + "." + b64(`{}`), 0, "InvalidIdentityToken", 400},
		{"not base64url", webRole, header + ".!!!!.c2ln", 0, "InvalidIdentityToken", 400},
		{"header not JSON", webRole, b64("nope") + "." + b64(`{"iss":"i","sub":"s","aud":"aws.workload.identity","exp":`+exp+`}`) + ".c2ln", 0, "InvalidIdentityToken", 400},
		{"payload not JSON", webRole, header + "." + b64("[1,2]") + ".c2ln", 0, "InvalidIdentityToken", 400},
		{"no exp", webRole, header + "." + b64(`{"iss":"i","sub":"s","aud":"aws.workload.identity"}`) + ".c2ln", 0, "InvalidIdentityToken", 400},
		{"no iss", webRole, header + "." + b64(`{"sub":"s","aud":"aws.workload.identity","exp":`+exp+`}`) + ".c2ln", 0, "InvalidIdentityToken", 400},
		{"aud a number", webRole, header + "." + b64(`{"iss":"i","sub":"s","aud":7,"exp":`+exp+`}`) + ".c2ln", 0, "InvalidIdentityToken", 400},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := &sts.AssumeRoleWithWebIdentityInput{RoleArn: aws.String(tc.role), RoleSessionName: aws.String("session"),
				WebIdentityToken: aws.String(tc.token)}
			if tc.duration != 0 {
				in.DurationSeconds = aws.Int32(tc.duration)
			}
			_, err := anonymousSTS(e.HTTP.URL).AssumeRoleWithWebIdentity(ctx, in)
			sandboxtest.WantCode(t, err, tc.code)
			sandboxtest.AssertStatus(t, err, tc.status)
		})
	}
	// A hand-built token of the right shape is accepted: the signature is
	// not verified.
	token := header + "." + b64(`{"iss":"https://idp.example","sub":"s","aud":["aws.workload.identity"],"exp":`+exp+`}`) + ".c2ln"
	if _, err := anonymousSTS(e.HTTP.URL).AssumeRoleWithWebIdentity(ctx, &sts.AssumeRoleWithWebIdentityInput{
		RoleArn: aws.String(webRole), RoleSessionName: aws.String("session"), WebIdentityToken: aws.String(token)}); err != nil {
		t.Fatal(err)
	}
}

// The SDK's web identity credentials provider, reading a token file as
// AWS_WEB_IDENTITY_TOKEN_FILE makes it do, gets credentials for ECS calls
// in the role's account.
func TestSTSWebIdentityProvider(t *testing.T) {
	e := stsEnv(t, sandbox.Options{})
	e.Srv.AddRole(awsauth.Role{ARN: webRole, WebIdentityAudiences: []string{"aws.workload.identity"}})
	path := filepath.Join(t.TempDir(), "token")
	token := awsauth.MintWebIdentityToken("https://app.terraform.io", "sub", []string{"aws.workload.identity"}, time.Now().Add(time.Hour))
	if err := os.WriteFile(path, []byte(token), 0o600); err != nil {
		t.Fatal(err)
	}
	provider := stscreds.NewWebIdentityRoleProvider(anonymousSTS(e.HTTP.URL), webRole, stscreds.IdentityTokenFile(path),
		func(o *stscreds.WebIdentityRoleOptions) { o.RoleSessionName = "file-session" })
	client := ecs.NewFromConfig(aws.Config{Region: "eu-west-1", BaseEndpoint: aws.String(e.HTTP.URL), RetryMaxAttempts: 1,
		Credentials: aws.NewCredentialsCache(provider)})
	created := sandboxtest.MustCreate(t, client, &ecs.CreateClusterInput{ClusterName: aws.String("from-web-identity")})
	if got := aws.ToString(created.ClusterArn); got != "arn:aws:ecs:eu-west-1:222222222222:cluster/from-web-identity" {
		t.Errorf("cluster ARN %s", got)
	}
}

// The admin API registers keys and roles and mints tokens; /_sandbox/reset
// drops them.
func TestSTSAdminAPI(t *testing.T) {
	e := sandboxtest.Start(t, sandbox.Options{})
	u := e.HTTP.URL + "/_sandbox/sts/"
	for _, tc := range []struct{ path, body string }{
		{"access-keys", `{"accessKey":"AKIAADMIN","secretKey":"s3cret","account":"111111111111","principalArn":"arn:aws:iam::111111111111:role/ci"}`},
		{"roles", `{"arn":"` + webRole + `","externalId":"ext-1","webIdentityAudiences":["aws.workload.identity"],"maxSessionDurationSeconds":7200}`},
	} {
		if code, m := sandboxtest.Admin(t, "POST", u+tc.path, tc.body); code != 200 {
			t.Fatalf("%s: %d %v", tc.path, code, m)
		}
	}
	for _, tc := range []struct{ path, body string }{
		{"access-keys", `{"accessKey":"AKIA","secretKey":""}`},
		{"access-keys", `{"accessKey":"AKIA","secretKey":"x","account":"12"}`},
		{"access-keys", `{"accessKey":"AKIA","secretKey":"x","account":"111111111111","principalArn":"arn:aws:iam::222222222222:user/x"}`},
		{"roles", `{"arn":"arn:aws:iam::111111111111:user/not-a-role"}`},
		{"roles", `{"arn":"` + webRole + `","maxSessionDurationSeconds":60}`},
		{"tokens", `{"iss":"https://app.terraform.io","sub":"s"}`},
		{"tokens", `{"iss":"https://app.terraform.io","sub":"s","aud":3}`},
	} {
		if code, m := sandboxtest.Admin(t, "POST", u+tc.path, tc.body); code != 400 {
			t.Errorf("%s %s: %d %v", tc.path, tc.body, code, m)
		}
	}

	who, err := stsClient(e.HTTP.URL, "AKIAADMIN", "s3cret", "").GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil || aws.ToString(who.Arn) != "arn:aws:iam::111111111111:role/ci" || !strings.HasPrefix(aws.ToString(who.UserId), "AROA") {
		t.Fatalf("%v %+v", err, who)
	}
	_, err = stsClient(e.HTTP.URL, "AKIAADMIN", "s3cret", "").AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String(webRole),
		RoleSessionName: aws.String("admin"), ExternalId: aws.String("ext-1"), DurationSeconds: aws.Int32(7200)})
	if err != nil {
		t.Fatal(err)
	}

	mint := func(body string) string {
		t.Helper()
		code, m := sandboxtest.Admin(t, "POST", u+"tokens", body)
		tok, ok := m["token"].(string)
		if code != 200 || !ok {
			t.Fatalf("tokens: %d %v", code, m)
		}
		return tok
	}
	for _, body := range []string{
		`{"iss":"https://app.terraform.io","sub":"s","aud":"aws.workload.identity"}`,
		`{"iss":"https://app.terraform.io","sub":"s","aud":["x","aws.workload.identity"],"expiresInSeconds":60}`,
	} {
		if _, err := anonymousSTS(e.HTTP.URL).AssumeRoleWithWebIdentity(ctx, &sts.AssumeRoleWithWebIdentityInput{RoleArn: aws.String(webRole),
			RoleSessionName: aws.String("web"), WebIdentityToken: aws.String(mint(body))}); err != nil {
			t.Fatalf("%s: %v", body, err)
		}
	}
	expired := mint(`{"iss":"https://app.terraform.io","sub":"s","aud":"aws.workload.identity","expiresInSeconds":-1}`)
	_, err = anonymousSTS(e.HTTP.URL).AssumeRoleWithWebIdentity(ctx, &sts.AssumeRoleWithWebIdentityInput{RoleArn: aws.String(webRole),
		RoleSessionName: aws.String("web"), WebIdentityToken: aws.String(expired)})
	sandboxtest.WantCode(t, err, "ExpiredTokenException")

	code, m := sandboxtest.Admin(t, "GET", e.HTTP.URL+"/_sandbox/stats", "")
	if calls, ok := m["calls"].(map[string]any); code != 200 || m["ecsCalls"] != 0.0 || m["total"] != 5.0 || !ok || calls["sts:AssumeRoleWithWebIdentity"] != 3.0 {
		t.Errorf("stats %d %v", code, m)
	}

	// Reset drops the keys and roles: requests are no longer verified, and
	// the role is gone.
	if code, _ := sandboxtest.Admin(t, "POST", e.HTTP.URL+"/_sandbox/reset", ""); code != 200 {
		t.Fatal(code)
	}
	if _, err := sandboxtest.ECSClient(e.HTTP.URL, "us-east-1", "ANY", "KEY").ListClusters(ctx, &ecs.ListClustersInput{}); err != nil {
		t.Fatal(err)
	}
	_, err = anonymousSTS(e.HTTP.URL).AssumeRoleWithWebIdentity(ctx, &sts.AssumeRoleWithWebIdentityInput{RoleArn: aws.String(webRole),
		RoleSessionName: aws.String("web"), WebIdentityToken: aws.String(mint(`{"iss":"i","sub":"s","aud":"aws.workload.identity"}`))})
	sandboxtest.WantCode(t, err, "AccessDenied")
}
