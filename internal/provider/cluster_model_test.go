package provider

import (
	"regexp"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

const (
	testARN          = "arn:aws:ecs:us-east-1:123456789012:cluster/web"
	testNamespaceARN = "arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-abcdefghijklmnop"
	testKey          = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
)

// ignoreSDKUnexported lets cmp compare SDK structs, which embed an
// unexported serialization marker.
var ignoreSDKUnexported = cmpopts.IgnoreUnexported(
	ecs.CreateClusterInput{}, ecstypes.Tag{}, ecstypes.ClusterSetting{}, ecstypes.ClusterConfiguration{},
	ecstypes.ExecuteCommandConfiguration{}, ecstypes.ExecuteCommandLogConfiguration{},
	ecstypes.ManagedStorageConfiguration{}, ecstypes.CapacityProviderStrategyItem{},
	ecstypes.ClusterServiceConnectDefaultsRequest{},
)

func stringMap(m map[string]string) types.Map {
	elems := make(map[string]attr.Value, len(m))
	for k, v := range m {
		elems[k] = types.StringValue(v)
	}
	return types.MapValueMust(types.StringType, elems)
}

func stringSet(ss ...string) types.Set {
	elems := make([]attr.Value, len(ss))
	for i, s := range ss {
		elems[i] = types.StringValue(s)
	}
	return types.SetValueMust(types.StringType, elems)
}

func settingsList(value string) types.List {
	return types.ListValueMust(types.ObjectType{AttrTypes: settingAttrTypes}, []attr.Value{
		types.ObjectValueMust(settingAttrTypes, map[string]attr.Value{
			"name": types.StringValue("containerInsights"), "value": types.StringValue(value),
		}),
	})
}

func strategySet(items ...ecstypes.CapacityProviderStrategyItem) types.Set {
	s, _ := flattenStrategy(items)
	return s
}

func strategyItem(provider string, weight, base int32) ecstypes.CapacityProviderStrategyItem {
	return ecstypes.CapacityProviderStrategyItem{CapacityProvider: aws.String(provider), Weight: weight, Base: base}
}

func serviceConnect(namespace, arn string) types.Object {
	namespaceARN := types.StringValue(arn)
	if arn == "" {
		namespaceARN = types.StringUnknown()
	}
	return types.ObjectValueMust(serviceConnectDefaultsAttrTypes, map[string]attr.Value{
		"namespace": types.StringValue(namespace), "namespace_arn": namespaceARN,
	})
}

func fullConfiguration() types.Object {
	return types.ObjectValueMust(configurationAttrTypes, map[string]attr.Value{
		"execute_command_configuration": types.ObjectValueMust(executeCommandConfigurationAttrTypes, map[string]attr.Value{
			"kms_key_id": types.StringValue(testKey),
			"logging":    types.StringValue("OVERRIDE"),
			"log_configuration": types.ObjectValueMust(logConfigurationAttrTypes, map[string]attr.Value{
				"cloud_watch_log_group_name":     types.StringValue("/ecs/exec"),
				"cloud_watch_encryption_enabled": types.BoolValue(true),
				"s3_bucket_name":                 types.StringValue("audit"),
				"s3_encryption_enabled":          types.BoolValue(false),
				"s3_key_prefix":                  types.StringNull(),
			}),
		}),
		"managed_storage_configuration": types.ObjectValueMust(managedStorageConfigurationAttrTypes, map[string]attr.Value{
			"kms_key_id":                           types.StringNull(),
			"fargate_ephemeral_storage_kms_key_id": types.StringValue(testKey),
		}),
	})
}

func fullSDKConfiguration() *ecstypes.ClusterConfiguration {
	return &ecstypes.ClusterConfiguration{
		ExecuteCommandConfiguration: &ecstypes.ExecuteCommandConfiguration{
			KmsKeyId: aws.String(testKey),
			Logging:  ecstypes.ExecuteCommandLoggingOverride,
			LogConfiguration: &ecstypes.ExecuteCommandLogConfiguration{
				CloudWatchLogGroupName:      aws.String("/ecs/exec"),
				CloudWatchEncryptionEnabled: true,
				S3BucketName:                aws.String("audit"),
			},
		},
		ManagedStorageConfiguration: &ecstypes.ManagedStorageConfiguration{
			FargateEphemeralStorageKmsKeyId: aws.String(testKey),
		},
	}
}

// plannedModel is a plan before apply: configured values known, computed
// ones unknown.
func plannedModel() clusterResourceModel {
	return clusterResourceModel{
		ID:                                types.StringUnknown(),
		ARN:                               types.StringUnknown(),
		Name:                              types.StringValue("web"),
		NamePrefix:                        types.StringNull(),
		Tags:                              types.MapNull(types.StringType),
		TagsAll:                           types.MapUnknown(types.StringType),
		Settings:                          defaultSettings(),
		Configuration:                     types.ObjectNull(configurationAttrTypes),
		CapacityProviders:                 stringSet(),
		DefaultCapacityProviderStrategy:   strategySet(),
		ServiceConnectDefaults:            types.ObjectNull(serviceConnectDefaultsAttrTypes),
		Status:                            types.StringUnknown(),
		RegisteredContainerInstancesCount: types.Int64Unknown(),
		RunningTasksCount:                 types.Int64Unknown(),
		PendingTasksCount:                 types.Int64Unknown(),
		ActiveServicesCount:               types.Int64Unknown(),
		Statistics:                        types.MapUnknown(types.StringType),
		Attachments:                       types.ListUnknown(types.ObjectType{AttrTypes: attachmentAttrTypes}),
		AttachmentsStatus:                 types.StringUnknown(),
		Timeouts:                          timeouts.Value{Object: types.ObjectNull(map[string]attr.Type{"create": types.StringType, "update": types.StringType, "delete": types.StringType})},
	}
}

func TestExpandCreateInput(t *testing.T) {
	cases := map[string]struct {
		model   func() clusterResourceModel
		tagsAll map[string]string
		want    *ecs.CreateClusterInput
	}{
		"defaults": {
			model: plannedModel,
			want: &ecs.CreateClusterInput{
				ClusterName: aws.String("web"),
				Settings:    []ecstypes.ClusterSetting{{Name: "containerInsights", Value: aws.String("disabled")}},
			},
		},
		"every input": {
			model: func() clusterResourceModel {
				m := plannedModel()
				m.Settings = settingsList("enhanced")
				m.Configuration = fullConfiguration()
				m.CapacityProviders = stringSet("FARGATE_SPOT", "FARGATE")
				m.DefaultCapacityProviderStrategy = strategySet(strategyItem("FARGATE_SPOT", 3, 0), strategyItem("FARGATE", 1, 2))
				m.ServiceConnectDefaults = serviceConnect("internal", "")
				return m
			},
			tagsAll: map[string]string{"team": "platform", "env": "prod"},
			want: &ecs.CreateClusterInput{
				ClusterName:       aws.String("web"),
				Tags:              []ecstypes.Tag{{Key: aws.String("env"), Value: aws.String("prod")}, {Key: aws.String("team"), Value: aws.String("platform")}},
				Settings:          []ecstypes.ClusterSetting{{Name: "containerInsights", Value: aws.String("enhanced")}},
				Configuration:     fullSDKConfiguration(),
				CapacityProviders: []string{"FARGATE", "FARGATE_SPOT"},
				DefaultCapacityProviderStrategy: []ecstypes.CapacityProviderStrategyItem{
					strategyItem("FARGATE", 1, 2), strategyItem("FARGATE_SPOT", 3, 0),
				},
				ServiceConnectDefaults: &ecstypes.ClusterServiceConnectDefaultsRequest{Namespace: aws.String("internal")},
			},
		},
		"strategy without providers still sends both lists": {
			model: func() clusterResourceModel {
				m := plannedModel()
				m.DefaultCapacityProviderStrategy = strategySet(strategyItem("FARGATE", 1, 0))
				return m
			},
			want: &ecs.CreateClusterInput{
				ClusterName:                     aws.String("web"),
				Settings:                        []ecstypes.ClusterSetting{{Name: "containerInsights", Value: aws.String("disabled")}},
				CapacityProviders:               []string{},
				DefaultCapacityProviderStrategy: []ecstypes.CapacityProviderStrategyItem{strategyItem("FARGATE", 1, 0)},
			},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			m := tc.model()
			got := expandCreateInput(&m, "web", tc.tagsAll)
			if diff := cmp.Diff(tc.want, got, ignoreSDKUnexported); diff != "" {
				t.Errorf("CreateClusterInput mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestExpandClearingValues(t *testing.T) {
	providers := expandCapacityProviders(types.SetNull(types.StringType))
	strategy := expandStrategy(strategySet())
	if providers == nil || len(providers) != 0 || strategy == nil || len(strategy) != 0 {
		t.Errorf("empty providers and strategy must be [] (not nil), got %#v and %#v", providers, strategy)
	}
	scd := expandServiceConnectDefaults(types.ObjectNull(serviceConnectDefaultsAttrTypes))
	if diff := cmp.Diff(&ecstypes.ClusterServiceConnectDefaultsRequest{Namespace: aws.String("")}, scd, ignoreSDKUnexported); diff != "" {
		t.Errorf("removing service_connect_defaults must send an empty namespace (-want +got):\n%s", diff)
	}
	cfg := expandConfiguration(types.ObjectNull(configurationAttrTypes))
	if cfg != nil {
		t.Errorf("a null configuration must expand to nil, got %#v", cfg)
	}
}

func describedCluster() *ecstypes.Cluster {
	return &ecstypes.Cluster{
		ClusterArn:                        aws.String(testARN),
		ClusterName:                       aws.String("web"),
		Status:                            aws.String("ACTIVE"),
		RegisteredContainerInstancesCount: 1,
		RunningTasksCount:                 3,
		PendingTasksCount:                 0,
		ActiveServicesCount:               2,
		Tags: []ecstypes.Tag{
			{Key: aws.String("env"), Value: aws.String("prod")},
			{Key: aws.String("team"), Value: aws.String("platform")},
			{Key: aws.String("aws:cloudformation:stack-name"), Value: aws.String("x")},
		},
		Settings:                        []ecstypes.ClusterSetting{{Name: "containerInsights", Value: aws.String("enabled")}},
		Configuration:                   fullSDKConfiguration(),
		CapacityProviders:               []string{"FARGATE"},
		DefaultCapacityProviderStrategy: []ecstypes.CapacityProviderStrategyItem{strategyItem("FARGATE", 1, 0)},
		ServiceConnectDefaults:          &ecstypes.ClusterServiceConnectDefaults{Namespace: aws.String(testNamespaceARN)},
		Statistics:                      []ecstypes.KeyValuePair{{Name: aws.String("runningEC2TasksCount"), Value: aws.String("3")}},
		Attachments: []ecstypes.Attachment{{
			Id: aws.String("a1"), Type: aws.String("sc"), Status: aws.String("ATTACHED"),
			Details: []ecstypes.KeyValuePair{{Name: aws.String("k"), Value: aws.String("v")}},
		}},
		AttachmentsStatus: aws.String("UPDATE_COMPLETE"),
	}
}

func TestFlattenCluster(t *testing.T) {
	defaults := map[string]string{"team": "platform"}
	full := func() clusterResourceModel {
		m := plannedModel()
		m.ID = types.StringValue(testARN)
		m.ARN = types.StringValue(testARN)
		m.Status = types.StringValue("ACTIVE")
		m.RegisteredContainerInstancesCount = types.Int64Value(1)
		m.RunningTasksCount = types.Int64Value(3)
		m.PendingTasksCount = types.Int64Value(0)
		m.ActiveServicesCount = types.Int64Value(2)
		m.Tags = stringMap(map[string]string{"env": "prod"})
		m.TagsAll = stringMap(map[string]string{"env": "prod", "team": "platform"})
		m.Settings = settingsList("enabled")
		m.Configuration = fullConfiguration()
		m.CapacityProviders = stringSet("FARGATE")
		m.DefaultCapacityProviderStrategy = strategySet(strategyItem("FARGATE", 1, 0))
		m.ServiceConnectDefaults = serviceConnect(testNamespaceARN, testNamespaceARN)
		m.Statistics = stringMap(map[string]string{"runningEC2TasksCount": "3"})
		m.Attachments = types.ListValueMust(types.ObjectType{AttrTypes: attachmentAttrTypes}, []attr.Value{
			types.ObjectValueMust(attachmentAttrTypes, map[string]attr.Value{
				"id": types.StringValue("a1"), "type": types.StringValue("sc"), "status": types.StringValue("ATTACHED"),
				"details": stringMap(map[string]string{"k": "v"}),
			}),
		})
		m.AttachmentsStatus = types.StringValue("UPDATE_COMPLETE")
		return m
	}
	cases := map[string]struct {
		cluster func() *ecstypes.Cluster
		prior   func() clusterResourceModel
		want    func() clusterResourceModel
	}{
		"import: everything from the cluster, default tags left out": {
			cluster: describedCluster,
			prior:   plannedModel,
			want:    full,
		},
		"namespace name kept while the ARN is the recorded one": {
			cluster: describedCluster,
			prior: func() clusterResourceModel {
				m := full()
				m.ServiceConnectDefaults = serviceConnect("internal", testNamespaceARN)
				return m
			},
			want: func() clusterResourceModel {
				m := full()
				m.ServiceConnectDefaults = serviceConnect("internal", testNamespaceARN)
				return m
			},
		},
		"namespace name kept right after it was set": {
			cluster: describedCluster,
			prior: func() clusterResourceModel {
				m := full()
				m.ServiceConnectDefaults = serviceConnect("internal", "")
				return m
			},
			want: func() clusterResourceModel {
				m := full()
				m.ServiceConnectDefaults = serviceConnect("internal", testNamespaceARN)
				return m
			},
		},
		"namespace changed out of band shows the new ARN": {
			cluster: describedCluster,
			prior: func() clusterResourceModel {
				m := full()
				m.ServiceConnectDefaults = serviceConnect("internal", "arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-0000000000000000")
				return m
			},
			want: full,
		},
		"own tag equal to a default tag is kept": {
			cluster: describedCluster,
			prior: func() clusterResourceModel {
				m := full()
				m.Tags = stringMap(map[string]string{"env": "prod", "team": "platform"})
				return m
			},
			want: func() clusterResourceModel {
				m := full()
				m.Tags = stringMap(map[string]string{"env": "prod", "team": "platform"})
				return m
			},
		},
		"parts removed out of band are null": {
			cluster: func() *ecstypes.Cluster {
				c := describedCluster()
				c.Configuration = nil
				c.ServiceConnectDefaults = nil
				c.Tags = nil
				c.CapacityProviders = nil
				c.DefaultCapacityProviderStrategy = nil
				c.Attachments = nil
				c.Statistics = nil
				return c
			},
			prior: full,
			want: func() clusterResourceModel {
				m := full()
				m.Configuration = types.ObjectNull(configurationAttrTypes)
				m.ServiceConnectDefaults = types.ObjectNull(serviceConnectDefaultsAttrTypes)
				m.Tags = stringMap(map[string]string{})
				m.TagsAll = stringMap(map[string]string{})
				m.CapacityProviders = stringSet()
				m.DefaultCapacityProviderStrategy = strategySet()
				m.Attachments = types.ListValueMust(types.ObjectType{AttrTypes: attachmentAttrTypes}, []attr.Value{})
				m.Statistics = stringMap(map[string]string{})
				return m
			},
		},
		"logging absent means DEFAULT; empty log configuration strings are null": {
			cluster: func() *ecstypes.Cluster {
				c := describedCluster()
				c.Configuration = &ecstypes.ClusterConfiguration{
					ExecuteCommandConfiguration: &ecstypes.ExecuteCommandConfiguration{KmsKeyId: aws.String("")},
				}
				return c
			},
			prior: full,
			want: func() clusterResourceModel {
				m := full()
				m.Configuration = types.ObjectValueMust(configurationAttrTypes, map[string]attr.Value{
					"execute_command_configuration": types.ObjectValueMust(executeCommandConfigurationAttrTypes, map[string]attr.Value{
						"kms_key_id":        types.StringNull(),
						"logging":           types.StringValue("DEFAULT"),
						"log_configuration": types.ObjectNull(logConfigurationAttrTypes),
					}),
					"managed_storage_configuration": types.ObjectNull(managedStorageConfigurationAttrTypes),
				})
				return m
			},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got := tc.prior()
			if diags := flattenCluster(tc.cluster(), &got, defaults); diags.HasError() {
				t.Fatalf("diagnostics: %v", diags)
			}
			if diff := cmp.Diff(tc.want(), got); diff != "" {
				t.Errorf("model mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDiffTags(t *testing.T) {
	cases := map[string]struct {
		old, want   map[string]string
		wantRemoved []string
		wantChanged map[string]string
	}{
		"no change":   {old: map[string]string{"a": "1"}, want: map[string]string{"a": "1"}, wantChanged: map[string]string{}},
		"all changes": {old: map[string]string{"a": "1", "b": "2", "c": "3"}, want: map[string]string{"a": "1", "b": "x", "d": "4"}, wantRemoved: []string{"c"}, wantChanged: map[string]string{"b": "x", "d": "4"}},
		"clear":       {old: map[string]string{"b": "2", "a": "1"}, want: map[string]string{}, wantRemoved: []string{"a", "b"}, wantChanged: map[string]string{}},
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

func TestDeleteBlockers(t *testing.T) {
	cases := map[string]struct {
		cluster ecstypes.Cluster
		want    string
	}{
		"nothing": {want: ""},
		"one":     {cluster: ecstypes.Cluster{RunningTasksCount: 1}, want: "1 running task"},
		"several": {
			cluster: ecstypes.Cluster{ActiveServicesCount: 2, RunningTasksCount: 3, RegisteredContainerInstancesCount: 1},
			want:    "2 active services, 3 running tasks and 1 registered container instance",
		},
		"draining services": {
			cluster: ecstypes.Cluster{PendingTasksCount: 2, Statistics: []ecstypes.KeyValuePair{
				{Name: aws.String("drainingFargateServiceCount"), Value: aws.String("1")},
				{Name: aws.String("drainingEC2ServiceCount"), Value: aws.String("0")},
			}},
			want: "2 pending tasks and 1 drainingFargateServiceCount",
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, deleteBlockers(&tc.cluster)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestUniqueName(t *testing.T) {
	pattern := regexp.MustCompile(`^pfx-\d{20}[0-9a-f]{6}$`)
	seen := map[string]bool{}
	for range 1000 {
		n := uniqueName("pfx-")
		if !pattern.MatchString(n) || len(n) != len("pfx-")+nameSuffixLength {
			t.Fatalf("uniqueName gave %q", n)
		}
		if seen[n] {
			t.Fatalf("uniqueName repeated %q", n)
		}
		seen[n] = true
	}
}

func BenchmarkFlattenCluster(b *testing.B) {
	c := describedCluster()
	defaults := map[string]string{"team": "platform"}
	b.ReportAllocs()
	for b.Loop() {
		m := plannedModel()
		if diags := flattenCluster(c, &m, defaults); diags.HasError() {
			b.Fatal(diags)
		}
	}
}

func BenchmarkExpandCreateInput(b *testing.B) {
	m := plannedModel()
	m.Settings = settingsList("enhanced")
	m.Configuration = fullConfiguration()
	m.CapacityProviders = stringSet("FARGATE", "FARGATE_SPOT")
	m.DefaultCapacityProviderStrategy = strategySet(strategyItem("FARGATE", 1, 2), strategyItem("FARGATE_SPOT", 3, 0))
	m.ServiceConnectDefaults = serviceConnect("internal", "")
	tags := map[string]string{"team": "platform", "env": "prod"}
	b.ReportAllocs()
	for b.Loop() {
		if in := expandCreateInput(&m, "web", tags); in.ClusterName == nil {
			b.Fatal("no cluster name")
		}
	}
}
