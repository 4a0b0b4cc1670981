package awsauth_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox/sandboxtest"
)

var ctx = context.Background()

func TestSigV4Verification(t *testing.T) {
	e := sandboxtest.Start(t, sandbox.Options{AccessKey: "AKID", SecretKey: "SECRET"})

	// Real SDK-signed requests verify, with any path, region, session token
	// and body.
	for _, tc := range []struct{ url, region, token string }{
		{e.HTTP.URL, "us-east-1", ""},
		{e.HTTP.URL + "/ecs/api", "eu-central-1", ""},
		{e.HTTP.URL, "us-west-2", "session-token/with+odd=chars"},
	} {
		c := ecs.NewFromConfig(aws.Config{Region: tc.region, BaseEndpoint: aws.String(tc.url), RetryMaxAttempts: 1,
			Credentials: credentials.NewStaticCredentialsProvider("AKID", "SECRET", tc.token)})
		if _, err := c.CreateCluster(ctx, &ecs.CreateClusterInput{ClusterName: aws.String("signed"),
			Tags: []types.Tag{{Key: aws.String("unicode"), Value: aws.String("Grüße Ω")}}}); err != nil {
			t.Fatalf("%+v: %v", tc, err)
		}
		if _, err := c.ListClusters(ctx, &ecs.ListClustersInput{}); err != nil {
			t.Fatalf("%+v: %v", tc, err)
		}
	}

	bad := sandboxtest.ECSClient(e.HTTP.URL, "us-east-1", "AKID", "WRONG")
	_, err := bad.ListClusters(ctx, &ecs.ListClustersInput{})
	sandboxtest.WantCode(t, err, "InvalidSignatureException")
	sandboxtest.AssertStatus(t, err, http.StatusForbidden)

	unknown := sandboxtest.ECSClient(e.HTTP.URL, "us-east-1", "OTHER", "SECRET")
	_, err = unknown.ListClusters(ctx, &ecs.ListClustersInput{})
	sandboxtest.WantCode(t, err, "UnrecognizedClientException")
	sandboxtest.AssertStatus(t, err, http.StatusForbidden)

	resp, m := sandboxtest.Post(t, e.HTTP.URL, sandboxtest.Target+"ListClusters", `{}`)
	if resp.StatusCode != 403 || m["__type"] != "MissingAuthenticationTokenException" {
		t.Errorf("unsigned: %d %v", resp.StatusCode, m)
	}
	resp, m = sandboxtest.Post(t, e.HTTP.URL, sandboxtest.Target+"ListClusters", `{}`, "Authorization", "AWS4-HMAC-SHA256 garbage")
	if resp.StatusCode != 403 {
		t.Errorf("malformed: %d %v", resp.StatusCode, m)
	}

	// A body altered after signing fails verification.
	tamper := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.NoBody
		r.ContentLength = 0
		e.Srv.ServeHTTP(w, r)
	}))
	defer tamper.Close()
	_, err = sandboxtest.ECSClient(tamper.URL, "us-east-1", "AKID", "SECRET").ListClusters(ctx, &ecs.ListClustersInput{MaxResults: aws.Int32(5)})
	sandboxtest.WantCode(t, err, "InvalidSignatureException")
}

// Without keys, any signature is accepted.
func TestSigV4NotVerifiedByDefault(t *testing.T) {
	e := sandboxtest.Start(t, sandbox.Options{})
	if _, err := sandboxtest.ECSClient(e.HTTP.URL, "us-east-1", "ANY", "THING").ListClusters(ctx, &ecs.ListClustersInput{}); err != nil {
		t.Fatal(err)
	}
	if resp, _ := sandboxtest.Post(t, e.HTTP.URL, sandboxtest.Target+"ListClusters", `{}`, "Authorization", "Bearer x"); resp.StatusCode != 200 {
		t.Errorf("odd authorization header refused: %d", resp.StatusCode)
	}
}

// signedRequest builds a request signed by the SDK's SigV4 signer for body,
// then sends sent as its body instead (the same when not tampering).
func signedRequest(t *testing.T, url, op, body, sent, service string, at time.Time, hdr ...string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url+"/", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if op != "" {
		req.Header.Set("X-Amz-Target", sandboxtest.Target+op)
		req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	} else {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	sum := sha256.Sum256([]byte(body))
	if err := v4.NewSigner().SignHTTP(ctx, aws.Credentials{AccessKeyID: "AKID", SecretAccessKey: "SECRET"}, req,
		hex.EncodeToString(sum[:]), service, "us-east-1", at); err != nil {
		t.Fatal(err)
	}
	req.Body = io.NopCloser(strings.NewReader(sent))
	req.ContentLength = int64(len(sent))
	return req
}

// send returns the status and the error code (ECS's __type or STS's Code)
// and message of a response.
func send(t *testing.T, req *http.Request) (status int, code, message string) {
	t.Helper()
	resp, b := sandboxtest.Do(t, req)
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "text/xml") {
		var doc struct {
			Error struct{ Code, Message string }
		}
		if err := xml.Unmarshal(b, &doc); err != nil {
			t.Fatalf("%s: %v", b, err)
		}
		return resp.StatusCode, doc.Error.Code, doc.Error.Message
	}
	var m struct {
		Type    string `json:"__type"`
		Message string `json:"message"`
	}
	_ = json.Unmarshal(b, &m)
	return resp.StatusCode, m.Type, m.Message
}

func TestSigV4Tampering(t *testing.T) {
	e := sandboxtest.Start(t, sandbox.Options{AccessKey: "AKID", SecretKey: "SECRET"})
	signedBody, tamperedBody := `{"clusterName":"signed"}`, `{"clusterName":"tampered"}`
	hashOf := func(s string) string { sum := sha256.Sum256([]byte(s)); return hex.EncodeToString(sum[:]) }
	now := time.Now()
	const mismatch = "The request signature we calculated does not match the signature you provided."

	for _, tc := range []struct {
		name          string
		req           *http.Request
		status        int
		code, message string
	}{
		{"body tampered", signedRequest(t, e.HTTP.URL, "CreateCluster", signedBody, tamperedBody, "ecs", now),
			403, "InvalidSignatureException", mismatch},
		{"body tampered, signed content hash header kept", signedRequest(t, e.HTTP.URL, "CreateCluster", signedBody, tamperedBody, "ecs", now,
			"X-Amz-Content-Sha256", hashOf(signedBody)), 403, "InvalidSignatureException", mismatch},
		{"content hash header not the body's", signedRequest(t, e.HTTP.URL, "CreateCluster", tamperedBody, tamperedBody, "ecs", now,
			"X-Amz-Content-Sha256", hashOf(signedBody)), 403, "InvalidSignatureException", mismatch},
		{"stale date", signedRequest(t, e.HTTP.URL, "CreateCluster", tamperedBody, tamperedBody, "ecs", now.Add(-16*time.Minute)),
			403, "InvalidSignatureException", "Signature expired: " + now.Add(-16*time.Minute).UTC().Format("20060102T150405Z") + " is now earlier than "},
		{"future date", signedRequest(t, e.HTTP.URL, "CreateCluster", tamperedBody, tamperedBody, "ecs", now.Add(16*time.Minute)),
			403, "InvalidSignatureException", "Signature not yet current: "},
		{"wrong service", signedRequest(t, e.HTTP.URL, "CreateCluster", tamperedBody, tamperedBody, "ec2", now),
			403, "InvalidSignatureException", "Credential should be scoped to correct service: 'ecs'."},
		{"STS body tampered", signedRequest(t, e.HTTP.URL, "", "Action=GetCallerIdentity&Version=2011-06-15",
			"Action=GetCallerIdentity&Version=2011-06-15&x=y", "sts", now), 403, "SignatureDoesNotMatch", mismatch},
		{"STS request signed for ecs", signedRequest(t, e.HTTP.URL, "", "Action=GetCallerIdentity&Version=2011-06-15",
			"Action=GetCallerIdentity&Version=2011-06-15", "ecs", now), 403, "SignatureDoesNotMatch", "Credential should be scoped to correct service: 'sts'."},
		{"STS stale date", signedRequest(t, e.HTTP.URL, "", "Action=GetCallerIdentity&Version=2011-06-15",
			"Action=GetCallerIdentity&Version=2011-06-15", "sts", now.Add(-20*time.Minute)), 403, "SignatureDoesNotMatch", "Signature expired: "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, code, message := send(t, tc.req)
			if status != tc.status || code != tc.code || !strings.HasPrefix(message, tc.message) {
				t.Errorf("got %d %s %q, want %d %s %q", status, code, message, tc.status, tc.code, tc.message)
			}
		})
	}

	// The credential scope's date must be X-Amz-Date's.
	req := signedRequest(t, e.HTTP.URL, "CreateCluster", tamperedBody, tamperedBody, "ecs", now)
	day := now.UTC().Format("20060102")
	other := now.UTC().AddDate(0, 0, -1).Format("20060102")
	req.Header.Set("Authorization", strings.Replace(req.Header.Get("Authorization"), "/"+day+"/", "/"+other+"/", 1))
	status, code, message := send(t, req)
	want := "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '" + other + "' != '" + day + "', from '"
	if status != 403 || code != "InvalidSignatureException" || !strings.HasPrefix(message, want) {
		t.Errorf("scope date: %d %s %q", status, code, message)
	}

	// Nothing of the above was created; the same requests untampered,
	// within the allowed clock skew, and with a correct content hash header,
	// are accepted.
	list, err := e.Client.ListClusters(ctx, &ecs.ListClustersInput{})
	if err != nil || len(list.ClusterArns) != 0 {
		t.Fatalf("clusters %v (%v)", list, err)
	}
	for i, req := range []*http.Request{
		signedRequest(t, e.HTTP.URL, "CreateCluster", signedBody, signedBody, "ecs", now),
		signedRequest(t, e.HTTP.URL, "CreateCluster", signedBody, signedBody, "ecs", now.Add(-14*time.Minute)),
		signedRequest(t, e.HTTP.URL, "CreateCluster", signedBody, signedBody, "ecs", now.Add(14*time.Minute)),
		signedRequest(t, e.HTTP.URL, "CreateCluster", signedBody, signedBody, "ecs", now, "X-Amz-Content-Sha256", hashOf(signedBody)),
		signedRequest(t, e.HTTP.URL, "", "Action=GetCallerIdentity&Version=2011-06-15", "Action=GetCallerIdentity&Version=2011-06-15", "sts", now),
	} {
		if status, code, message := send(t, req); status != 200 {
			t.Errorf("request %d: %d %s %s", i, status, code, message)
		}
	}
	list, err = e.Client.ListClusters(ctx, &ecs.ListClustersInput{})
	if err != nil || len(list.ClusterArns) != 1 || !strings.HasSuffix(list.ClusterArns[0], "/signed") {
		t.Fatalf("clusters %v (%v)", list, err)
	}
}

// The signing time is checked against Options.Now.
func TestSigV4ClockSkewUsesOptionsNow(t *testing.T) {
	clock := sandboxtest.NewClock()
	e := sandboxtest.Start(t, sandbox.Options{AccessKey: "AKID", SecretKey: "SECRET", Now: clock.Now})
	body := `{}`
	if status, code, msg := send(t, signedRequest(t, e.HTTP.URL, "ListClusters", body, body, "ecs", clock.Now().Add(-10*time.Minute))); status != 200 {
		t.Fatalf("%d %s %s", status, code, msg)
	}
	if status, code, msg := send(t, signedRequest(t, e.HTTP.URL, "ListClusters", body, body, "ecs", time.Now())); status != 403 || code != "InvalidSignatureException" {
		t.Fatalf("signed at the real time, a year after the clock: %d %s %s", status, code, msg)
	}
}
