package sandbox_test

import (
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

func tag(k, v string) types.Tag { return types.Tag{Key: aws.String(k), Value: aws.String(v)} }

func TestTagging(t *testing.T) {
	e := start(t, sandbox.Options{})
	c := mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("t"), Tags: []types.Tag{tag("a", "1")}})
	p := mustASGProvider(t, e.client, "tp")

	for _, arn := range []*string{c.ClusterArn, p.CapacityProviderArn} {
		if _, err := e.client.TagResource(ctx, &ecs.TagResourceInput{ResourceArn: arn, Tags: []types.Tag{tag("a", "2"), tag("b", ""), tag("c", "3")}}); err != nil {
			t.Fatal(err)
		}
		if _, err := e.client.UntagResource(ctx, &ecs.UntagResourceInput{ResourceArn: arn, TagKeys: []string{"c", "unknown"}}); err != nil {
			t.Fatal(err)
		}
		out, err := e.client.ListTagsForResource(ctx, &ecs.ListTagsForResourceInput{ResourceArn: arn})
		if err != nil {
			t.Fatal(err)
		}
		if m := tagsMap(out.Tags); len(m) != 2 || m["a"] != "2" || m["b"] != "" {
			t.Errorf("%s tags %v", aws.ToString(arn), m)
		}
	}
	if d := describe(t, e.client, "t", types.ClusterFieldTags); len(d.Tags) != 2 {
		t.Errorf("describe tags %v", d.Tags)
	}
	// TagResource and UntagResource answer {}; ListTags answers [] when empty.
	if _, err := e.client.UntagResource(ctx, &ecs.UntagResourceInput{ResourceArn: c.ClusterArn, TagKeys: []string{"a", "b"}}); err != nil {
		t.Fatal(err)
	}
	_, m := post(t, e.http.URL, target+"ListTagsForResource", `{"resourceArn":"`+aws.ToString(c.ClusterArn)+`"}`)
	if tags, ok := m["tags"].([]any); !ok || len(tags) != 0 {
		t.Errorf("empty tags %v", m)
	}
	_, m = post(t, e.http.URL, target+"TagResource", `{"resourceArn":"`+aws.ToString(c.ClusterArn)+`","tags":[]}`)
	if len(m) != 0 {
		t.Errorf("TagResource body %v", m)
	}

	// The 50-tag limit counts existing tags.
	var many []types.Tag
	for i := range 50 {
		many = append(many, tag(fmt.Sprint("k", i), "v"))
	}
	if _, err := e.client.TagResource(ctx, &ecs.TagResourceInput{ResourceArn: c.ClusterArn, Tags: many}); err != nil {
		t.Fatal(err)
	}
	_, err := e.client.TagResource(ctx, &ecs.TagResourceInput{ResourceArn: c.ClusterArn, Tags: []types.Tag{tag("one-more", "v")}})
	wantErr[*types.InvalidParameterException](t, err)
	// Overwriting an existing key stays within the limit.
	if _, err := e.client.TagResource(ctx, &ecs.TagResourceInput{ResourceArn: c.ClusterArn, Tags: []types.Tag{tag("k1", "w")}}); err != nil {
		t.Error(err)
	}

	for name, tc := range map[string]struct {
		arn  string
		tags []types.Tag
		chk  func(error)
	}{
		"invalid arn":     {"cluster/t", []types.Tag{tag("x", "y")}, func(err error) { wantErr[*types.InvalidParameterException](t, err) }},
		"wrong service":   {"arn:aws:ec2:us-east-1:123456789012:cluster/t", []types.Tag{tag("x", "y")}, func(err error) { wantErr[*types.InvalidParameterException](t, err) }},
		"other type":      {"arn:aws:ecs:us-east-1:123456789012:service/t/s", []types.Tag{tag("x", "y")}, func(err error) { wantErr[*types.InvalidParameterException](t, err) }},
		"missing cluster": {"arn:aws:ecs:us-east-1:123456789012:cluster/nope", []types.Tag{tag("x", "y")}, func(err error) { wantErr[*types.ClusterNotFoundException](t, err) }},
		"other account":   {"arn:aws:ecs:us-east-1:999999999999:cluster/t", []types.Tag{tag("x", "y")}, func(err error) { wantErr[*types.ClusterNotFoundException](t, err) }},
		"missing provider": {"arn:aws:ecs:us-east-1:123456789012:capacity-provider/nope", []types.Tag{tag("x", "y")},
			func(err error) { wantErr[*types.ResourceNotFoundException](t, err) }},
		"reserved key":   {aws.ToString(c.ClusterArn), []types.Tag{tag("Aws:owner", "y")}, func(err error) { wantErr[*types.InvalidParameterException](t, err) }},
		"reserved value": {aws.ToString(c.ClusterArn), []types.Tag{tag("owner", "AWS:y")}, func(err error) { wantErr[*types.InvalidParameterException](t, err) }},
		"bad pattern":    {aws.ToString(c.ClusterArn), []types.Tag{tag("a#b", "y")}, func(err error) { wantErr[*types.InvalidParameterException](t, err) }},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := e.client.TagResource(ctx, &ecs.TagResourceInput{ResourceArn: aws.String(tc.arn), Tags: tc.tags})
			tc.chk(err)
		})
	}
	_, err = e.client.UntagResource(ctx, &ecs.UntagResourceInput{ResourceArn: c.ClusterArn, TagKeys: []string{"aws:cloudformation:stack-name"}})
	wantErr[*types.InvalidParameterException](t, err)
	_, err = e.client.UntagResource(ctx, &ecs.UntagResourceInput{ResourceArn: aws.String("arn:aws:ecs:us-east-1:123456789012:capacity-provider/nope"), TagKeys: []string{"a"}})
	wantErr[*types.ResourceNotFoundException](t, err)
	_, err = e.client.ListTagsForResource(ctx, &ecs.ListTagsForResourceInput{ResourceArn: aws.String("arn:aws:ecs:us-east-1:123456789012:cluster/nope")})
	wantErr[*types.ClusterNotFoundException](t, err)
	_, err = e.client.ListTagsForResource(ctx, &ecs.ListTagsForResourceInput{ResourceArn: aws.String("not-an-arn")})
	wantErr[*types.InvalidParameterException](t, err)
	_, m = post(t, e.http.URL, target+"TagResource", `{"resourceArn":"`+aws.ToString(c.ClusterArn)+`"}`)
	if m["__type"] != "InvalidParameterException" {
		t.Errorf("missing tags: %v", m)
	}
}
