package sandbox_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

// Checklist §9.1: routing, content type, request id, error envelope.
func TestProtocolEnvelope(t *testing.T) {
	e := start(t, sandbox.Options{})

	resp, m := post(t, e.http.URL, target+"ListClusters", `{}`)
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/x-amz-json-1.1" {
		t.Errorf("content type %q", ct)
	}
	if resp.Header.Get("X-Amzn-Requestid") == "" || resp.Header.Get("Date") == "" {
		t.Errorf("missing x-amzn-RequestId or Date: %v", resp.Header)
	}
	if _, ok := m["clusterArns"]; !ok {
		t.Errorf("body %v", m)
	}

	// Any path is accepted.
	if resp, _ := post(t, e.http.URL+"/some/path", target+"ListClusters", `{}`); resp.StatusCode != 200 {
		t.Errorf("path: status %d", resp.StatusCode)
	}

	for _, tc := range []struct {
		name, target, body string
		status             int
		typ                string
	}{
		{"unknown op", target + "RunTaskz", `{}`, 400, "UnknownOperationException"},
		{"no target", "", `{}`, 400, "UnknownOperationException"},
		{"foreign service", "DynamoDB_20120810.ListTables", `{}`, 400, "UnknownOperationException"},
		{"bad json", target + "CreateCluster", `{"clusterName":`, 400, "SerializationException"},
		{"not an object", target + "CreateCluster", `[1]`, 400, "SerializationException"},
		{"wrong member type", target + "ListClusters", `{"maxResults":"ten"}`, 400, "SerializationException"},
		{"trailing data", target + "ListClusters", `{} {}`, 400, "SerializationException"},
		{"not found", target + "DeleteCluster", `{"cluster":"nope"}`, 400, "ClusterNotFoundException"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, m := post(t, e.http.URL, tc.target, tc.body)
			if resp.StatusCode != tc.status || m["__type"] != tc.typ {
				t.Fatalf("got %d %v, want %d %s", resp.StatusCode, m, tc.status, tc.typ)
			}
			if msg, _ := m["message"].(string); msg == "" {
				t.Errorf("no lowercase message: %v", m)
			}
			if h := resp.Header.Get("X-Amzn-Errortype"); h != tc.typ {
				t.Errorf("X-Amzn-ErrorType %q", h)
			}
			if resp.Header.Get("X-Amzn-Requestid") == "" {
				t.Errorf("no request id")
			}
		})
	}

	// An empty body is {}.
	if resp, m := post(t, e.http.URL, target+"CreateCluster", ``); resp.StatusCode != 200 {
		t.Fatalf("empty body: %d %v", resp.StatusCode, m)
	}

	// Member names are case-sensitive; unknown members are ignored.
	_, m = post(t, e.http.URL, target+"CreateCluster", `{"ClusterName":"upper","clusterName":"lower","unknownMember":{"x":[1]},"tags":[{"Key":"k","key":"K","value":"v"}]}`)
	if cl, _ := m["cluster"].(map[string]any); cl == nil || cl["clusterName"] != "lower" || dig(t, cl, "tags", 0, "key") != "K" {
		t.Errorf("case-sensitive members: %v", m)
	}
	post(t, e.http.URL, target+"CreateCluster", `{"ClusterName":"upper"}`)
	if out, _ := e.client.DescribeClusters(ctx, &ecs.DescribeClustersInput{Clusters: []string{"upper"}}); len(out.Failures) != 1 {
		t.Errorf("mis-cased member was used: %+v", out)
	}
	_, m = post(t, e.http.URL, target+"ListClusters", `{"maxResults":1.5}`)
	if m["__type"] != "SerializationException" {
		t.Errorf("fractional int: %v", m)
	}

	// Over 1 MiB is refused.
	big := `{"clusterName":"` + strings.Repeat("a", 1<<20) + `"}`
	if resp, m := post(t, e.http.URL, target+"CreateCluster", big); resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("big body: %d %v", resp.StatusCode, m)
	}

	// The SDK sees a typed error with its message.
	_, err := e.client.DeleteCluster(ctx, &ecs.DeleteClusterInput{Cluster: aws.String("missing")})
	cnf := asErr[*types.ClusterNotFoundException](t, err)
	if cnf.ErrorMessage() != "Cluster not found." {
		t.Errorf("message %q", cnf.ErrorMessage())
	}

	// Unknown operation through the SDK surface: a generic API error.
	resp, m = post(t, e.http.URL, target+"CreateTaskSet", `{}`)
	if resp.StatusCode != 400 || m["__type"] != "UnknownOperationException" {
		t.Errorf("CreateTaskSet: %d %v", resp.StatusCode, m)
	}
}

// The region comes from the SigV4 scope; state is per account and region.
func TestRegionAndAccountIsolation(t *testing.T) {
	e := start(t, sandbox.Options{Account: "111122223333", AccountsByAccessKey: map[string]string{"OTHER": "444455556666"}})
	west := newClient(e.http.URL, "eu-west-1", "AKID", "SECRET")
	other := newClient(e.http.URL, "us-east-1", "OTHER", "SECRET")
	china := newClient(e.http.URL, "cn-north-1", "AKID", "SECRET")

	c := mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("x")})
	if got := aws.ToString(c.ClusterArn); got != "arn:aws:ecs:us-east-1:111122223333:cluster/x" {
		t.Errorf("arn %s", got)
	}
	w := mustCreate(t, west, &ecs.CreateClusterInput{ClusterName: aws.String("x")})
	if got := aws.ToString(w.ClusterArn); got != "arn:aws:ecs:eu-west-1:111122223333:cluster/x" {
		t.Errorf("arn %s", got)
	}
	o := mustCreate(t, other, &ecs.CreateClusterInput{ClusterName: aws.String("y")})
	if got := aws.ToString(o.ClusterArn); got != "arn:aws:ecs:us-east-1:444455556666:cluster/y" {
		t.Errorf("arn %s", got)
	}
	cn := mustCreate(t, china, &ecs.CreateClusterInput{ClusterName: aws.String("z")})
	if got := aws.ToString(cn.ClusterArn); got != "arn:aws-cn:ecs:cn-north-1:111122223333:cluster/z" {
		t.Errorf("arn %s", got)
	}

	// An ARN of another region does not match.
	out, err := west.DescribeClusters(ctx, &ecs.DescribeClustersInput{Clusters: []string{aws.ToString(c.ClusterArn)}})
	if err != nil || len(out.Clusters) != 0 || len(out.Failures) != 1 {
		t.Fatalf("cross-region describe: %+v %v", out, err)
	}
	list, _ := other.ListClusters(ctx, &ecs.ListClustersInput{})
	if len(list.ClusterArns) != 1 {
		t.Errorf("other account sees %v", list.ClusterArns)
	}

	// Unsigned requests use us-east-1.
	_, m := post(t, e.http.URL, target+"ListClusters", `{}`)
	if arns, _ := m["clusterArns"].([]any); len(arns) != 1 || arns[0] != "arn:aws:ecs:us-east-1:111122223333:cluster/x" {
		t.Errorf("unsigned list: %v", m)
	}
}
