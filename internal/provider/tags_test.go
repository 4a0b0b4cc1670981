package provider

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestExpandTags(t *testing.T) {
	got := expandTags(map[string]string{"b": "2", "a": "1", "c": ""})
	want := []ecstypes.Tag{
		{Key: aws.String("a"), Value: aws.String("1")},
		{Key: aws.String("b"), Value: aws.String("2")},
		{Key: aws.String("c"), Value: aws.String("")},
	}
	if diff := cmp.Diff(want, got, ignoreSDKUnexported); diff != "" {
		t.Errorf("tags must be sorted by key (-want +got):\n%s", diff)
	}
	if got := expandTags(nil); got == nil || len(got) != 0 {
		t.Errorf("no tags: got %#v", got)
	}
}

func TestFlattenTags(t *testing.T) {
	reported := flattenTagMap([]ecstypes.Tag{
		{Key: aws.String("env"), Value: aws.String("prod")},
		{Key: aws.String("team"), Value: aws.String("platform")},
		{Key: aws.String("aws:cloudformation:stack-name"), Value: aws.String("x")},
		{Key: aws.String("AWS:Mixed"), Value: aws.String("y")},
	})
	if diff := cmp.Diff(map[string]string{"env": "prod", "team": "platform"}, reported); diff != "" {
		t.Errorf("aws: tags must be left out (-want +got):\n%s", diff)
	}

	defaults := map[string]string{"team": "platform", "cost": "1"}
	cases := map[string]struct {
		reported map[string]string
		prior    types.Map
		want     types.Map
	}{
		"default tags are not the resource's": {
			reported: map[string]string{"env": "prod", "team": "platform"},
			prior:    types.MapNull(types.StringType),
			want:     stringMap(map[string]string{"env": "prod"}),
		},
		"only default tags: tags stays null": {
			reported: map[string]string{"team": "platform", "cost": "1"},
			prior:    types.MapNull(types.StringType),
			want:     types.MapNull(types.StringType),
		},
		"only default tags: an empty map stays empty": {
			reported: map[string]string{"team": "platform"},
			prior:    stringMap(map[string]string{}),
			want:     stringMap(map[string]string{}),
		},
		"a tag the resource sets to the default's value is its own": {
			reported: map[string]string{"team": "platform", "cost": "1"},
			prior:    stringMap(map[string]string{"team": "platform"}),
			want:     stringMap(map[string]string{"team": "platform"}),
		},
		"a tag the resource overrides is its own, with the reported value": {
			reported: map[string]string{"team": "data"},
			prior:    stringMap(map[string]string{"team": "data"}),
			want:     stringMap(map[string]string{"team": "data"}),
		},
		"a default key with another value, set out of band, is drift of tags": {
			reported: map[string]string{"team": "data"},
			prior:    types.MapNull(types.StringType),
			want:     stringMap(map[string]string{"team": "data"}),
		},
		"a tag removed out of band is gone": {
			reported: map[string]string{},
			prior:    stringMap(map[string]string{"env": "prod"}),
			want:     stringMap(map[string]string{}),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, diags := flattenOwnTags(tc.reported, tc.prior, defaults)
			if diags.HasError() {
				t.Fatal(diags)
			}
			if !got.Equal(tc.want) {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}

func TestExpandMergedTags(t *testing.T) {
	defaults := map[string]string{"team": "platform", "env": "dev"}
	tags := map[string]string{"env": "prod", "app": "web"}
	got := mergeTags(defaults, tags)
	if diff := cmp.Diff(map[string]string{"team": "platform", "env": "prod", "app": "web"}, got); diff != "" {
		t.Errorf("the resource's tags take precedence over default_tags (-want +got):\n%s", diff)
	}
	if defaults["env"] != "dev" || len(tags) != 2 {
		t.Errorf("mergeTags changed its inputs: %v %v", defaults, tags)
	}
	if got := mergeTags(nil, nil); got == nil || len(got) != 0 {
		t.Errorf("no tags: got %#v", got)
	}
}

func TestDiffTags(t *testing.T) {
	cases := map[string]struct {
		old, want   map[string]string
		wantRemoved []string
		wantChanged map[string]string
	}{
		"no change":      {old: map[string]string{"a": "1"}, want: map[string]string{"a": "1"}, wantChanged: map[string]string{}},
		"all changes":    {old: map[string]string{"a": "1", "b": "2", "c": "3"}, want: map[string]string{"a": "1", "b": "x", "d": "4"}, wantRemoved: []string{"c"}, wantChanged: map[string]string{"b": "x", "d": "4"}},
		"clear":          {old: map[string]string{"b": "2", "a": "1"}, want: map[string]string{}, wantRemoved: []string{"a", "b"}, wantChanged: map[string]string{}},
		"from none":      {old: nil, want: map[string]string{"a": "1"}, wantChanged: map[string]string{"a": "1"}},
		"to empty value": {old: map[string]string{"a": "1"}, want: map[string]string{"a": ""}, wantChanged: map[string]string{"a": ""}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			removed, changed := diffTags(tc.old, tc.want)
			if diff := cmp.Diff(tc.wantRemoved, removed); diff != "" {
				t.Errorf("removed keys (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.wantChanged, changed); diff != "" {
				t.Errorf("changed tags (-want +got):\n%s", diff)
			}
		})
	}
}
