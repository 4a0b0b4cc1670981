package sandbox_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

// fuzzOps is the operation list the fuzzer indexes into; the last entry is
// not an operation.
var fuzzOps = []string{
	"CreateCluster", "DescribeClusters", "ListClusters", "UpdateCluster", "UpdateClusterSettings",
	"PutClusterCapacityProviders", "DeleteCluster", "TagResource", "UntagResource", "ListTagsForResource",
	"CreateCapacityProvider", "DescribeCapacityProviders", "DeleteCapacityProvider",
	"CreateService", "DescribeServices", "ListServices", "UpdateService", "DeleteService",
	"RunTask", "StopTask", "DescribeTasks", "ListTasks", "RegisterContainerInstance",
	"DescribeContainerInstances", "ListContainerInstances", "DeregisterContainerInstance", "Bogus",
}

func serve(srv http.Handler, op string, body []byte) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
	req.Header.Set("X-Amz-Target", "AmazonEC2ContainerServiceV20141113."+op)
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	return rec
}

// FuzzDecodeRequest sends arbitrary bodies to every operation of a sandbox
// holding a cluster and a capacity provider. Every answer must be a JSON
// object with the protocol's status codes, and errors must carry __type and
// message. The seed corpus is in testdata/fuzz/FuzzDecodeRequest.
func FuzzDecodeRequest(f *testing.F) {
	f.Add(uint8(0), []byte(`{"clusterName":"c2","tags":[{"key":"k","value":"v"}]}`))
	f.Add(uint8(2), []byte(`{"maxResults":1,"nextToken":"YzpjMQ"}`))
	f.Add(uint8(5), []byte(`{"cluster":"c1","capacityProviders":["cp1"],"defaultCapacityProviderStrategy":[{"capacityProvider":"cp1","base":1}]}`))
	f.Add(uint8(16), []byte(`{"cluster":"c1","service":"s1","desiredCount":5}`))
	f.Add(uint8(18), []byte(`{"cluster":"c1","taskDefinition":"job","count":3,"launchType":"EC2"}`))
	f.Add(uint8(25), []byte(`{"cluster":"c1","containerInstance":"x","force":true}`))

	f.Fuzz(func(t *testing.T, opIndex uint8, body []byte) {
		srv := sandbox.New(sandbox.Options{MaxBodyBytes: 1 << 16})
		for _, setup := range []struct{ op, body string }{
			{"CreateCluster", `{"clusterName":"c1"}`},
			{"CreateCapacityProvider", `{"name":"cp1","autoScalingGroupProvider":{"autoScalingGroupArn":"arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:x:autoScalingGroupName/a"}}`},
			{"RegisterContainerInstance", `{"cluster":"c1"}`},
			{"CreateService", `{"cluster":"c1","serviceName":"s1","taskDefinition":"web","desiredCount":2}`},
		} {
			if rec := serve(srv, setup.op, []byte(setup.body)); rec.Code != 200 {
				t.Fatalf("setup %s: %d %s", setup.op, rec.Code, rec.Body)
			}
		}
		op := fuzzOps[int(opIndex)%len(fuzzOps)]
		rec := serve(srv, op, body)
		if !slices.Contains([]int{200, 400, 413, 500}, rec.Code) {
			t.Fatalf("%s: status %d", op, rec.Code)
		}
		if ct := rec.Header().Get("Content-Type"); ct != "application/x-amz-json-1.1" {
			t.Fatalf("content type %q", ct)
		}
		var m map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &m); err != nil || m == nil {
			t.Fatalf("%s: response is not a JSON object: %q", op, rec.Body)
		}
		if rec.Code != 200 {
			typ, _ := m["__type"].(string)
			if _, ok := m["message"].(string); !ok || typ == "" {
				t.Fatalf("%s: bad error envelope %q", op, rec.Body)
			}
			if rec.Code == 500 {
				t.Fatalf("%s: server error %q for body %q", op, rec.Body, body)
			}
		}
		// The store stays usable.
		if rec := serve(srv, "ListClusters", []byte(`{}`)); rec.Code != 200 {
			t.Fatalf("ListClusters after %s: %d %s", op, rec.Code, rec.Body)
		}
	})
}
