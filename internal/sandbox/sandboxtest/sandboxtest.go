// Package sandboxtest holds the test helpers shared by the tests of the
// sandbox and of its packages: a settable clock, a sandbox behind httptest
// with an SDK client, raw protocol and admin requests, and assertions on API
// errors.
package sandboxtest

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/aws/smithy-go"

	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

// Target prefixes the X-Amz-Target of the ECS operations.
const Target = "AmazonEC2ContainerServiceV20141113."

// Clock is a settable clock for lifecycle tests.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// NewClock returns a clock at 2026-01-02T03:04:05Z.
func NewClock() *Clock {
	return NewClockAt(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
}

// NewClockAt returns a clock at t.
func NewClockAt(t time.Time) *Clock {
	return &Clock{now: t}
}

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// Env is a sandbox behind httptest with a client for us-east-1.
type Env struct {
	Srv    *sandbox.Server
	HTTP   *httptest.Server
	Client *ecs.Client
}

// Start runs a sandbox with opts behind httptest, closed at the end of the
// test, and returns it with an SDK client for us-east-1.
func Start(t testing.TB, opts sandbox.Options) *Env {
	t.Helper()
	srv := sandbox.New(opts)
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	return &Env{Srv: srv, HTTP: hs, Client: ECSClient(hs.URL, "us-east-1", "AKID", "SECRET")}
}

// ECSClient returns an ECS client of url, region and the static key ak/sk
// that makes one attempt per call.
func ECSClient(url, region, ak, sk string) *ecs.Client {
	return ecs.NewFromConfig(aws.Config{
		Region:           region,
		Credentials:      credentials.NewStaticCredentialsProvider(ak, sk, ""),
		BaseEndpoint:     aws.String(url),
		RetryMaxAttempts: 1,
	})
}

// WantCode asserts the error code of an API error.
func WantCode(t testing.TB, err error, code string) {
	t.Helper()
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("got error %v, want API error %s", err, code)
	}
	if ae.ErrorCode() != code {
		t.Fatalf("got error code %s (%v), want %s", ae.ErrorCode(), err, code)
	}
}

// AssertStatus asserts the HTTP status of an SDK error.
func AssertStatus(t testing.TB, err error, status int) {
	t.Helper()
	var re interface{ HTTPStatusCode() int }
	if !errors.As(err, &re) || re.HTTPStatusCode() != status {
		t.Errorf("want HTTP %d for %v", status, err)
	}
}

// MustCreate creates a cluster or fails the test.
func MustCreate(t testing.TB, c *ecs.Client, in *ecs.CreateClusterInput) *types.Cluster {
	t.Helper()
	out, err := c.CreateCluster(context.Background(), in)
	if err != nil {
		t.Fatalf("CreateCluster: %v", err)
	}
	return out.Cluster
}

// Post sends a raw protocol request with the X-Amz-Target target (none
// when empty) and the header pairs hdr, and returns the response and its
// JSON object.
func Post(t testing.TB, url, target, body string, hdr ...string) (*http.Response, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if target != "" {
		req.Header.Set("X-Amz-Target", target)
	}
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	return sendJSON(t, req)
}

// Admin sends a request to the admin API and returns the status and the
// JSON object answered.
func Admin(t testing.TB, method, url, body string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	resp, m := sendJSON(t, req)
	return resp.StatusCode, m
}

// Do sends req and returns the response and its body, read and closed.
func Do(t testing.TB, req *http.Request) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

// sendJSON sends req and returns the response and the JSON object of its
// body.
func sendJSON(t testing.TB, req *http.Request) (*http.Response, map[string]any) {
	t.Helper()
	resp, b := Do(t, req)
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("response is not a JSON object: %q", b)
	}
	return resp, m
}
