package sandbox_test

import (
	"fmt"
	"sort"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

// 50 goroutines create, tag, describe, list and delete clusters at once; the
// store must end up consistent.
func TestConcurrentClients(t *testing.T) {
	e := start(t, sandbox.Options{})
	const workers, perWorker = 50, 4
	var wg sync.WaitGroup
	errs := make(chan error, workers*perWorker*8)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := newClient(e.http.URL, "us-east-1", "AKID", "SECRET")
			// Every worker also creates the same shared cluster (idempotent).
			if _, err := c.CreateCluster(ctx, &ecs.CreateClusterInput{ClusterName: aws.String("shared")}); err != nil {
				errs <- err
			}
			for i := range perWorker {
				name := fmt.Sprintf("w%02d-%d", w, i)
				out, err := c.CreateCluster(ctx, &ecs.CreateClusterInput{ClusterName: aws.String(name)})
				if err != nil {
					errs <- err
					continue
				}
				if _, err := c.TagResource(ctx, &ecs.TagResourceInput{ResourceArn: out.Cluster.ClusterArn,
					Tags: []types.Tag{{Key: aws.String("worker"), Value: aws.String(fmt.Sprint(w))}}}); err != nil {
					errs <- err
				}
				if _, err := c.TagResource(ctx, &ecs.TagResourceInput{ResourceArn: aws.String("arn:aws:ecs:us-east-1:123456789012:cluster/shared"),
					Tags: []types.Tag{{Key: aws.String(fmt.Sprint("w", w)), Value: aws.String("x")}}}); err != nil {
					errs <- err
				}
				d, err := c.DescribeClusters(ctx, &ecs.DescribeClustersInput{Clusters: []string{name, "shared"}, Include: []types.ClusterField{types.ClusterFieldTags}})
				if err != nil || len(d.Clusters) != 2 {
					errs <- fmt.Errorf("describe %s: %v %+v", name, err, d)
				}
				if _, err := c.ListClusters(ctx, &ecs.ListClustersInput{MaxResults: aws.Int32(10)}); err != nil {
					errs <- err
				}
				if i%2 == 1 {
					if _, err := c.DeleteCluster(ctx, &ecs.DeleteClusterInput{Cluster: aws.String(name)}); err != nil {
						errs <- err
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}

	var got []string
	p := ecs.NewListClustersPaginator(e.client, &ecs.ListClustersInput{MaxResults: aws.Int32(7)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, page.ClusterArns...)
	}
	want := []string{"arn:aws:ecs:us-east-1:123456789012:cluster/shared"}
	for w := range workers {
		for i := 0; i < perWorker; i += 2 {
			want = append(want, fmt.Sprintf("arn:aws:ecs:us-east-1:123456789012:cluster/w%02d-%d", w, i))
		}
	}
	sort.Strings(want)
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("listed %d clusters, want %d", len(got), len(want))
	}
	shared := describe(t, e.client, "shared", types.ClusterFieldTags)
	if len(shared.Tags) != workers {
		t.Errorf("shared cluster has %d tags, want %d", len(shared.Tags), workers)
	}
	if calls := e.srv.Stats().Calls["CreateCluster"]; calls != workers*(perWorker+1) {
		t.Errorf("CreateCluster calls %d", calls)
	}
}

// The sandbox must not dominate a benchmark of many clusters.
func BenchmarkCreateDescribe(b *testing.B) {
	e := start(b, sandbox.Options{})
	for i := range 1000 {
		mustCreate(b, e.client, &ecs.CreateClusterInput{ClusterName: aws.String(fmt.Sprint("pre", i))})
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		name := fmt.Sprint("b", i)
		mustCreate(b, e.client, &ecs.CreateClusterInput{ClusterName: aws.String(name)})
		describe(b, e.client, name)
	}
}
