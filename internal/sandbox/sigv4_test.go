package sandbox_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

func TestSigV4Verification(t *testing.T) {
	e := start(t, sandbox.Options{AccessKey: "AKID", SecretKey: "SECRET"})

	// Real SDK-signed requests verify, with any path, region, session token
	// and body.
	for _, tc := range []struct{ url, region, token string }{
		{e.http.URL, "us-east-1", ""},
		{e.http.URL + "/ecs/api", "eu-central-1", ""},
		{e.http.URL, "us-west-2", "session-token/with+odd=chars"},
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

	bad := newClient(e.http.URL, "us-east-1", "AKID", "WRONG")
	_, err := bad.ListClusters(ctx, &ecs.ListClustersInput{})
	wantCode(t, err, "InvalidSignatureException")
	assertStatus(t, err, http.StatusForbidden)

	unknown := newClient(e.http.URL, "us-east-1", "OTHER", "SECRET")
	_, err = unknown.ListClusters(ctx, &ecs.ListClustersInput{})
	wantCode(t, err, "UnrecognizedClientException")
	assertStatus(t, err, http.StatusForbidden)

	resp, m := post(t, e.http.URL, target+"ListClusters", `{}`)
	if resp.StatusCode != 403 || m["__type"] != "MissingAuthenticationTokenException" {
		t.Errorf("unsigned: %d %v", resp.StatusCode, m)
	}
	resp, m = post(t, e.http.URL, target+"ListClusters", `{}`, "Authorization", "AWS4-HMAC-SHA256 garbage")
	if resp.StatusCode != 403 {
		t.Errorf("malformed: %d %v", resp.StatusCode, m)
	}

	// A body altered after signing fails verification.
	tamper := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.NoBody
		r.ContentLength = 0
		e.srv.ServeHTTP(w, r)
	}))
	defer tamper.Close()
	_, err = newClient(tamper.URL, "us-east-1", "AKID", "SECRET").ListClusters(ctx, &ecs.ListClustersInput{MaxResults: aws.Int32(5)})
	wantCode(t, err, "InvalidSignatureException")
}

// Without keys, any signature is accepted.
func TestSigV4NotVerifiedByDefault(t *testing.T) {
	e := start(t, sandbox.Options{})
	if _, err := newClient(e.http.URL, "us-east-1", "ANY", "THING").ListClusters(ctx, &ecs.ListClustersInput{}); err != nil {
		t.Fatal(err)
	}
	if resp, _ := post(t, e.http.URL, target+"ListClusters", `{}`, "Authorization", "Bearer x"); resp.StatusCode != 200 {
		t.Errorf("odd authorization header refused: %d", resp.StatusCode)
	}
}

func assertStatus(t *testing.T, err error, status int) {
	t.Helper()
	var re interface{ HTTPStatusCode() int }
	if !errors.As(err, &re) || re.HTTPStatusCode() != status {
		t.Errorf("want HTTP %d for %v", status, err)
	}
}
