package provider

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

const (
	testARN           = "arn:aws:ecs:us-east-1:123456789012:cluster/web"
	testNamespaceARN  = "arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-abcdefghijklmnop"
	otherNamespaceARN = "arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-0000000000000000"
	testKey           = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
)

// ignoreSDKUnexported lets cmp compare SDK structs, which embed an
// unexported serialization marker.
var ignoreSDKUnexported = cmpopts.IgnoreUnexported(
	ecs.CreateClusterInput{}, ecstypes.Tag{}, ecstypes.ClusterSetting{}, ecstypes.ClusterConfiguration{},
	ecstypes.ExecuteCommandConfiguration{}, ecstypes.ExecuteCommandLogConfiguration{},
	ecstypes.ManagedStorageConfiguration{}, ecstypes.CapacityProviderStrategyItem{},
	ecstypes.ClusterServiceConnectDefaultsRequest{},
)

var timeoutsAttrTypes = map[string]attr.Type{"create": types.StringType, "update": types.StringType, "delete": types.StringType}

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

// block is a list block holding one object.
func block(attrTypes map[string]attr.Type, attrs map[string]attr.Value) types.List {
	return types.ListValueMust(types.ObjectType{AttrTypes: attrTypes}, []attr.Value{types.ObjectValueMust(attrTypes, attrs)})
}

// settingSet is a set of setting blocks, from name and value pairs.
func settingSet(nameValues ...string) types.Set {
	elems := []attr.Value{}
	for i := 0; i+1 < len(nameValues); i += 2 {
		elems = append(elems, types.ObjectValueMust(settingAttrTypes, map[string]attr.Value{
			"name": types.StringValue(nameValues[i]), "value": types.StringValue(nameValues[i+1]),
		}))
	}
	return types.SetValueMust(types.ObjectType{AttrTypes: settingAttrTypes}, elems)
}

func insightsSetting(value string) types.Set { return settingSet("containerInsights", value) }

func strategySet(items ...ecstypes.CapacityProviderStrategyItem) types.Set {
	s, _ := flattenStrategy(items)
	return s
}

func strategyItem(provider string, weight, base int32) ecstypes.CapacityProviderStrategyItem {
	return ecstypes.CapacityProviderStrategyItem{CapacityProvider: aws.String(provider), Weight: weight, Base: base}
}

// serviceConnect is a service_connect_defaults block; an arn of "" is an
// unknown namespace_arn, as in the plan that sets the namespace.
func serviceConnect(namespace, arn string) types.List {
	namespaceARN := types.StringValue(arn)
	if arn == "" {
		namespaceARN = types.StringUnknown()
	}
	return block(serviceConnectDefaultsAttrTypes, map[string]attr.Value{
		"namespace": types.StringValue(namespace), "namespace_arn": namespaceARN,
	})
}

func fullConfiguration() types.List {
	return block(configurationAttrTypes, map[string]attr.Value{
		"execute_command_configuration": block(executeCommandConfigurationAttrTypes, map[string]attr.Value{
			"kms_key_id": types.StringValue(testKey),
			"logging":    types.StringValue("OVERRIDE"),
			"log_configuration": block(logConfigurationAttrTypes, map[string]attr.Value{
				"cloud_watch_log_group_name":     types.StringValue("/ecs/exec"),
				"cloud_watch_encryption_enabled": types.BoolValue(true),
				"s3_bucket_name":                 types.StringValue("audit"),
				"s3_bucket_encryption_enabled":   types.BoolValue(false),
				"s3_key_prefix":                  types.StringNull(),
			}),
		}),
		"managed_storage_configuration": block(managedStorageConfigurationAttrTypes, map[string]attr.Value{
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

func attachmentList(attachments ...map[string]attr.Value) types.List {
	elems := make([]attr.Value, len(attachments))
	for i, a := range attachments {
		elems[i] = types.ObjectValueMust(attachmentAttrTypes, a)
	}
	return types.ListValueMust(types.ObjectType{AttrTypes: attachmentAttrTypes}, elems)
}

// plannedModel is the plan of a configuration that sets only name: absent
// blocks are empty collections, computed values unknown.
func plannedModel() clusterResourceModel {
	return clusterResourceModel{
		ID:                                types.StringUnknown(),
		ARN:                               types.StringUnknown(),
		Name:                              types.StringValue("web"),
		NamePrefix:                        types.StringNull(),
		Region:                            types.StringUnknown(),
		Tags:                              types.MapNull(types.StringType),
		TagsAll:                           types.MapUnknown(types.StringType),
		Setting:                           emptyBlockSet(settingAttrTypes),
		Configuration:                     emptyBlockList(configurationAttrTypes),
		CapacityProviders:                 types.SetNull(types.StringType),
		DefaultCapacityProviderStrategy:   emptyBlockSet(strategyItemAttrTypes),
		ServiceConnectDefaults:            emptyBlockList(serviceConnectDefaultsAttrTypes),
		ForceDestroy:                      types.BoolValue(false),
		Status:                            types.StringUnknown(),
		RegisteredContainerInstancesCount: types.Int64Unknown(),
		RunningTasksCount:                 types.Int64Unknown(),
		PendingTasksCount:                 types.Int64Unknown(),
		ActiveServicesCount:               types.Int64Unknown(),
		Statistics:                        types.MapUnknown(types.StringType),
		Attachments:                       types.ListUnknown(types.ObjectType{AttrTypes: attachmentAttrTypes}),
		AttachmentsStatus:                 types.StringUnknown(),
		Timeouts:                          timeouts.Value{Object: types.ObjectNull(timeoutsAttrTypes)},
	}
}

// everyInputModel is the plan of a configuration with every block.
func everyInputModel() clusterResourceModel {
	m := plannedModel()
	m.Setting = insightsSetting("enhanced")
	m.Configuration = fullConfiguration()
	m.CapacityProviders = stringSet("FARGATE_SPOT", "FARGATE")
	m.DefaultCapacityProviderStrategy = strategySet(strategyItem("FARGATE_SPOT", 3, 0), strategyItem("FARGATE", 1, 2))
	m.ServiceConnectDefaults = serviceConnect("internal", "")
	return m
}

func TestExpandSettings(t *testing.T) {
	cases := map[string]struct {
		in   types.Set
		want []ecstypes.ClusterSetting
	}{
		"no block":    {in: emptyBlockSet(settingAttrTypes)},
		"null":        {in: types.SetNull(types.ObjectType{AttrTypes: settingAttrTypes})},
		"unknown":     {in: types.SetUnknown(types.ObjectType{AttrTypes: settingAttrTypes})},
		"one block":   {in: insightsSetting("enhanced"), want: []ecstypes.ClusterSetting{{Name: "containerInsights", Value: aws.String("enhanced")}}},
		"empty value": {in: insightsSetting(""), want: []ecstypes.ClusterSetting{{Name: "containerInsights", Value: aws.String("")}}},
		"unknown element skipped": {
			in:   types.SetValueMust(types.ObjectType{AttrTypes: settingAttrTypes}, []attr.Value{types.ObjectUnknown(settingAttrTypes)}),
			want: []ecstypes.ClusterSetting{},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, expandSettings(tc.in), ignoreSDKUnexported); diff != "" {
				t.Errorf("settings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestExpandConfiguration(t *testing.T) {
	cases := map[string]struct {
		in   types.List
		want *ecstypes.ClusterConfiguration
	}{
		"no block":    {in: emptyBlockList(configurationAttrTypes)},
		"null":        {in: types.ListNull(types.ObjectType{AttrTypes: configurationAttrTypes})},
		"unknown":     {in: types.ListUnknown(types.ObjectType{AttrTypes: configurationAttrTypes})},
		"every block": {in: fullConfiguration(), want: fullSDKConfiguration()},
		"execute command without log_configuration": {
			in: block(configurationAttrTypes, map[string]attr.Value{
				"execute_command_configuration": block(executeCommandConfigurationAttrTypes, map[string]attr.Value{
					"kms_key_id":        types.StringNull(),
					"logging":           types.StringValue("NONE"),
					"log_configuration": emptyBlockList(logConfigurationAttrTypes),
				}),
				"managed_storage_configuration": emptyBlockList(managedStorageConfigurationAttrTypes),
			}),
			want: &ecstypes.ClusterConfiguration{
				ExecuteCommandConfiguration: &ecstypes.ExecuteCommandConfiguration{Logging: ecstypes.ExecuteCommandLoggingNone},
			},
		},
		"managed storage only, empty strings not sent": {
			in: block(configurationAttrTypes, map[string]attr.Value{
				"execute_command_configuration": emptyBlockList(executeCommandConfigurationAttrTypes),
				"managed_storage_configuration": block(managedStorageConfigurationAttrTypes, map[string]attr.Value{
					"kms_key_id":                           types.StringValue(testKey),
					"fargate_ephemeral_storage_kms_key_id": types.StringValue(""),
				}),
			}),
			want: &ecstypes.ClusterConfiguration{
				ManagedStorageConfiguration: &ecstypes.ManagedStorageConfiguration{KmsKeyId: aws.String(testKey)},
			},
		},
		"log configuration with S3 encryption and an unknown key prefix": {
			in: block(configurationAttrTypes, map[string]attr.Value{
				"execute_command_configuration": block(executeCommandConfigurationAttrTypes, map[string]attr.Value{
					"kms_key_id": types.StringNull(),
					"logging":    types.StringValue("OVERRIDE"),
					"log_configuration": block(logConfigurationAttrTypes, map[string]attr.Value{
						"cloud_watch_log_group_name":     types.StringNull(),
						"cloud_watch_encryption_enabled": types.BoolValue(false),
						"s3_bucket_name":                 types.StringValue("audit"),
						"s3_bucket_encryption_enabled":   types.BoolValue(true),
						"s3_key_prefix":                  types.StringUnknown(),
					}),
				}),
				"managed_storage_configuration": emptyBlockList(managedStorageConfigurationAttrTypes),
			}),
			want: &ecstypes.ClusterConfiguration{
				ExecuteCommandConfiguration: &ecstypes.ExecuteCommandConfiguration{
					Logging: ecstypes.ExecuteCommandLoggingOverride,
					LogConfiguration: &ecstypes.ExecuteCommandLogConfiguration{
						S3BucketName: aws.String("audit"), S3EncryptionEnabled: true,
					},
				},
			},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, expandConfiguration(tc.in), ignoreSDKUnexported); diff != "" {
				t.Errorf("configuration (-want +got):\n%s", diff)
			}
		})
	}
}

func TestExpandCapacityProvidersAndStrategy(t *testing.T) {
	if diff := cmp.Diff([]string{"FARGATE", "FARGATE_SPOT", "ec2-a"}, expandCapacityProviders(stringSet("ec2-a", "FARGATE_SPOT", "FARGATE"))); diff != "" {
		t.Errorf("capacity providers must be sorted (-want +got):\n%s", diff)
	}
	for name, s := range map[string]types.Set{
		"null": types.SetNull(types.StringType), "unknown": types.SetUnknown(types.StringType), "empty": stringSet(),
	} {
		if got := expandCapacityProviders(s); got == nil || len(got) != 0 {
			t.Errorf("%s capacity_providers must expand to [] (not nil), got %#v", name, got)
		}
	}

	got := expandStrategy(strategySet(strategyItem("b", 2, 0), strategyItem("a", 1, 5)))
	if diff := cmp.Diff([]ecstypes.CapacityProviderStrategyItem{strategyItem("a", 1, 5), strategyItem("b", 2, 0)}, got, ignoreSDKUnexported); diff != "" {
		t.Errorf("strategy must be sorted by provider (-want +got):\n%s", diff)
	}
	for name, s := range map[string]types.Set{
		"null":    types.SetNull(types.ObjectType{AttrTypes: strategyItemAttrTypes}),
		"unknown": types.SetUnknown(types.ObjectType{AttrTypes: strategyItemAttrTypes}),
		"empty":   emptyBlockSet(strategyItemAttrTypes),
	} {
		if got := expandStrategy(s); got == nil || len(got) != 0 {
			t.Errorf("%s strategy must expand to [] (not nil), got %#v", name, got)
		}
	}
	// Weight and base left null (before the plan modifier fills them) are 0.
	nulls := types.SetValueMust(types.ObjectType{AttrTypes: strategyItemAttrTypes}, []attr.Value{
		types.ObjectValueMust(strategyItemAttrTypes, map[string]attr.Value{
			"capacity_provider": types.StringValue("FARGATE"), "weight": types.Int64Null(), "base": types.Int64Unknown(),
		}),
	})
	if diff := cmp.Diff([]ecstypes.CapacityProviderStrategyItem{strategyItem("FARGATE", 0, 0)}, expandStrategy(nulls), ignoreSDKUnexported); diff != "" {
		t.Errorf("null weight and unknown base (-want +got):\n%s", diff)
	}
}

func TestExpandServiceConnectDefaults(t *testing.T) {
	cases := map[string]struct {
		in   types.List
		want string
	}{
		"no block removes the namespace": {in: emptyBlockList(serviceConnectDefaultsAttrTypes), want: ""},
		"null removes the namespace":     {in: types.ListNull(types.ObjectType{AttrTypes: serviceConnectDefaultsAttrTypes}), want: ""},
		"by name":                        {in: serviceConnect("internal", ""), want: "internal"},
		"by ARN":                         {in: serviceConnect(testNamespaceARN, testNamespaceARN), want: testNamespaceARN},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			want := &ecstypes.ClusterServiceConnectDefaultsRequest{Namespace: aws.String(tc.want)}
			if diff := cmp.Diff(want, expandServiceConnectDefaults(tc.in), ignoreSDKUnexported); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestExpandCreateInput(t *testing.T) {
	cases := map[string]struct {
		model   func() clusterResourceModel
		tagsAll map[string]string
		want    *ecs.CreateClusterInput
	}{
		"no block: nothing but the name is sent": {
			model: plannedModel,
			want:  &ecs.CreateClusterInput{ClusterName: aws.String("web")},
		},
		"every input": {
			model:   everyInputModel,
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
				CapacityProviders:               []string{},
				DefaultCapacityProviderStrategy: []ecstypes.CapacityProviderStrategyItem{strategyItem("FARGATE", 1, 0)},
			},
		},
		"empty capacity_providers and tags are not sent": {
			model: func() clusterResourceModel {
				m := plannedModel()
				m.CapacityProviders = stringSet()
				return m
			},
			tagsAll: map[string]string{},
			want:    &ecs.CreateClusterInput{ClusterName: aws.String("web")},
		},
		"service_connect_defaults by ARN": {
			model: func() clusterResourceModel {
				m := plannedModel()
				m.ServiceConnectDefaults = serviceConnect(testNamespaceARN, "")
				return m
			},
			want: &ecs.CreateClusterInput{
				ClusterName:            aws.String("web"),
				ServiceConnectDefaults: &ecstypes.ClusterServiceConnectDefaultsRequest{Namespace: aws.String(testNamespaceARN)},
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

// flattenedModel is the state of describedCluster after an import, with
// default tags {team = "platform"}.
func flattenedModel() clusterResourceModel {
	m := plannedModel()
	m.ID = types.StringValue(testARN)
	m.ARN = types.StringValue(testARN)
	m.Region = types.StringValue("us-east-1")
	m.Status = types.StringValue("ACTIVE")
	m.RegisteredContainerInstancesCount = types.Int64Value(1)
	m.RunningTasksCount = types.Int64Value(3)
	m.PendingTasksCount = types.Int64Value(0)
	m.ActiveServicesCount = types.Int64Value(2)
	m.Tags = stringMap(map[string]string{"env": "prod"})
	m.TagsAll = stringMap(map[string]string{"env": "prod", "team": "platform"})
	m.Setting = insightsSetting("enabled")
	m.Configuration = fullConfiguration()
	m.CapacityProviders = stringSet("FARGATE")
	m.DefaultCapacityProviderStrategy = strategySet(strategyItem("FARGATE", 1, 0))
	m.ServiceConnectDefaults = serviceConnect(testNamespaceARN, testNamespaceARN)
	m.Statistics = stringMap(map[string]string{"runningEC2TasksCount": "3"})
	m.Attachments = attachmentList(map[string]attr.Value{
		"id": types.StringValue("a1"), "type": types.StringValue("sc"), "status": types.StringValue("ATTACHED"),
		"details": stringMap(map[string]string{"k": "v"}),
	})
	m.AttachmentsStatus = types.StringValue("UPDATE_COMPLETE")
	return m
}

func TestFlattenCluster(t *testing.T) {
	defaults := map[string]string{"team": "platform"}
	cases := map[string]struct {
		cluster func() *ecstypes.Cluster
		prior   func() clusterResourceModel
		adopt   bool
		want    func() clusterResourceModel
	}{
		"import: everything from the cluster, default tags left out": {
			cluster: describedCluster,
			prior:   plannedModel,
			adopt:   true,
			want:    flattenedModel,
		},
		"absent blocks stay untracked without adopt": {
			cluster: describedCluster,
			prior:   plannedModel,
			want: func() clusterResourceModel {
				m := flattenedModel()
				m.Setting = emptyBlockSet(settingAttrTypes)
				m.CapacityProviders = types.SetNull(types.StringType)
				m.DefaultCapacityProviderStrategy = emptyBlockSet(strategyItemAttrTypes)
				return m
			},
		},
		"a setting removed from the configuration is no longer tracked": {
			cluster: describedCluster,
			prior: func() clusterResourceModel {
				m := flattenedModel()
				m.Setting = emptyBlockSet(settingAttrTypes)
				return m
			},
			want: func() clusterResourceModel {
				m := flattenedModel()
				m.Setting = emptyBlockSet(settingAttrTypes)
				return m
			},
		},
		"a tracked setting changed out of band shows the reported value": {
			cluster: func() *ecstypes.Cluster {
				c := describedCluster()
				c.Settings = []ecstypes.ClusterSetting{{Name: "containerInsights", Value: aws.String("disabled")}}
				return c
			},
			prior: flattenedModel,
			want: func() clusterResourceModel {
				m := flattenedModel()
				m.Setting = insightsSetting("disabled")
				return m
			},
		},
		"namespace name kept while the ARN is the recorded one": {
			cluster: describedCluster,
			prior: func() clusterResourceModel {
				m := flattenedModel()
				m.ServiceConnectDefaults = serviceConnect("internal", testNamespaceARN)
				return m
			},
			want: func() clusterResourceModel {
				m := flattenedModel()
				m.ServiceConnectDefaults = serviceConnect("internal", testNamespaceARN)
				return m
			},
		},
		"namespace name kept right after it was set": {
			cluster: describedCluster,
			prior: func() clusterResourceModel {
				m := flattenedModel()
				m.ServiceConnectDefaults = serviceConnect("internal", "")
				return m
			},
			want: func() clusterResourceModel {
				m := flattenedModel()
				m.ServiceConnectDefaults = serviceConnect("internal", testNamespaceARN)
				return m
			},
		},
		"namespace changed out of band shows the new ARN": {
			cluster: describedCluster,
			prior: func() clusterResourceModel {
				m := flattenedModel()
				m.ServiceConnectDefaults = serviceConnect("internal", otherNamespaceARN)
				return m
			},
			want: flattenedModel,
		},
		"own tag equal to a default tag is kept": {
			cluster: describedCluster,
			prior: func() clusterResourceModel {
				m := flattenedModel()
				m.Tags = stringMap(map[string]string{"env": "prod", "team": "platform"})
				return m
			},
			want: func() clusterResourceModel {
				m := flattenedModel()
				m.Tags = stringMap(map[string]string{"env": "prod", "team": "platform"})
				return m
			},
		},
		"a default tag key with another value is the resource's own": {
			cluster: func() *ecstypes.Cluster {
				c := describedCluster()
				c.Tags[1].Value = aws.String("data")
				return c
			},
			prior: flattenedModel,
			want: func() clusterResourceModel {
				m := flattenedModel()
				m.Tags = stringMap(map[string]string{"env": "prod", "team": "data"})
				m.TagsAll = stringMap(map[string]string{"env": "prod", "team": "data"})
				return m
			},
		},
		"parts removed out of band are empty": {
			cluster: func() *ecstypes.Cluster {
				c := describedCluster()
				c.Settings = nil
				c.Configuration = nil
				c.ServiceConnectDefaults = nil
				c.Tags = nil
				c.CapacityProviders = nil
				c.DefaultCapacityProviderStrategy = nil
				c.Attachments = nil
				c.Statistics = nil
				c.AttachmentsStatus = nil
				return c
			},
			prior: flattenedModel,
			want: func() clusterResourceModel {
				m := flattenedModel()
				m.Setting = emptyBlockSet(settingAttrTypes)
				m.Configuration = emptyBlockList(configurationAttrTypes)
				m.ServiceConnectDefaults = emptyBlockList(serviceConnectDefaultsAttrTypes)
				m.Tags = stringMap(map[string]string{})
				m.TagsAll = stringMap(map[string]string{})
				m.CapacityProviders = stringSet()
				m.DefaultCapacityProviderStrategy = emptyBlockSet(strategyItemAttrTypes)
				m.Attachments = attachmentList()
				m.Statistics = stringMap(map[string]string{})
				m.AttachmentsStatus = types.StringNull()
				return m
			},
		},
		"an empty configuration and an empty namespace are no blocks": {
			cluster: func() *ecstypes.Cluster {
				c := describedCluster()
				c.Configuration = &ecstypes.ClusterConfiguration{}
				c.ServiceConnectDefaults = &ecstypes.ClusterServiceConnectDefaults{Namespace: aws.String("")}
				return c
			},
			prior: flattenedModel,
			want: func() clusterResourceModel {
				m := flattenedModel()
				m.Configuration = emptyBlockList(configurationAttrTypes)
				m.ServiceConnectDefaults = emptyBlockList(serviceConnectDefaultsAttrTypes)
				return m
			},
		},
		"logging absent means DEFAULT; empty strings are null": {
			cluster: func() *ecstypes.Cluster {
				c := describedCluster()
				c.Configuration = &ecstypes.ClusterConfiguration{
					ExecuteCommandConfiguration: &ecstypes.ExecuteCommandConfiguration{KmsKeyId: aws.String("")},
				}
				return c
			},
			prior: flattenedModel,
			want: func() clusterResourceModel {
				m := flattenedModel()
				m.Configuration = block(configurationAttrTypes, map[string]attr.Value{
					"execute_command_configuration": block(executeCommandConfigurationAttrTypes, map[string]attr.Value{
						"kms_key_id":        types.StringNull(),
						"logging":           types.StringValue("DEFAULT"),
						"log_configuration": emptyBlockList(logConfigurationAttrTypes),
					}),
					"managed_storage_configuration": emptyBlockList(managedStorageConfigurationAttrTypes),
				})
				return m
			},
		},
		"generated name: name_prefix derived when unknown": {
			cluster: func() *ecstypes.Cluster {
				c := describedCluster()
				c.ClusterName = aws.String("web-20261205155513123456000001")
				c.ClusterArn = aws.String("arn:aws:ecs:eu-west-1:123456789012:cluster/web-20261205155513123456000001")
				return c
			},
			prior: func() clusterResourceModel {
				m := flattenedModel()
				m.Name = types.StringUnknown()
				m.NamePrefix = types.StringUnknown()
				return m
			},
			want: func() clusterResourceModel {
				m := flattenedModel()
				m.ID = types.StringValue("arn:aws:ecs:eu-west-1:123456789012:cluster/web-20261205155513123456000001")
				m.ARN = m.ID
				m.Name = types.StringValue("web-20261205155513123456000001")
				m.NamePrefix = types.StringValue("web-")
				m.Region = types.StringValue("eu-west-1")
				return m
			},
		},
		"a configured name_prefix is kept": {
			cluster: describedCluster,
			prior: func() clusterResourceModel {
				m := flattenedModel()
				m.NamePrefix = types.StringValue("we")
				return m
			},
			want: func() clusterResourceModel {
				m := flattenedModel()
				m.NamePrefix = types.StringValue("we")
				return m
			},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got := tc.prior()
			if diags := flattenCluster(tc.cluster(), &got, tagContext{defaults: defaults}, tc.adopt); diags.HasError() {
				t.Fatalf("diagnostics: %v", diags)
			}
			if diff := cmp.Diff(tc.want(), got); diff != "" {
				t.Errorf("model mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestFlattenClusterDataSource checks the model of the ecsx_cluster data
// source: everything the cluster has, every reported tag (but aws: ones),
// the namespace as the reported ARN, and no null collection.
func TestFlattenClusterDataSource(t *testing.T) {
	ctx := context.Background()
	var resp datasource.SchemaResponse
	NewClusterDataSource().Schema(ctx, datasource.SchemaRequest{}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	dsSchema := resp.Schema

	full := flattenedModel()
	cases := map[string]struct {
		cluster *ecstypes.Cluster
		want    clusterDataSourceModel
	}{
		"every part": {
			cluster: describedCluster(),
			want: clusterDataSourceModel{
				ID:                                types.StringValue(testARN),
				ARN:                               types.StringValue(testARN),
				ClusterName:                       types.StringValue("web"),
				Region:                            types.StringValue("us-east-1"),
				Tags:                              stringMap(map[string]string{"env": "prod", "team": "platform"}),
				Setting:                           insightsSetting("enabled"),
				Configuration:                     fullConfiguration(),
				CapacityProviders:                 stringSet("FARGATE"),
				DefaultCapacityProviderStrategy:   strategySet(strategyItem("FARGATE", 1, 0)),
				ServiceConnectDefaults:            serviceConnect(testNamespaceARN, testNamespaceARN),
				Status:                            types.StringValue("ACTIVE"),
				RegisteredContainerInstancesCount: types.Int64Value(1),
				RunningTasksCount:                 types.Int64Value(3),
				PendingTasksCount:                 types.Int64Value(0),
				ActiveServicesCount:               types.Int64Value(2),
				Statistics:                        full.Statistics,
				Attachments:                       full.Attachments,
				AttachmentsStatus:                 types.StringValue("UPDATE_COMPLETE"),
			},
		},
		"bare cluster of another region": {
			cluster: &ecstypes.Cluster{
				ClusterArn:  aws.String("arn:aws:ecs:eu-west-1:123456789012:cluster/bare"),
				ClusterName: aws.String("bare"),
				Status:      aws.String("PROVISIONING"),
			},
			want: clusterDataSourceModel{
				ID:                                types.StringValue("arn:aws:ecs:eu-west-1:123456789012:cluster/bare"),
				ARN:                               types.StringValue("arn:aws:ecs:eu-west-1:123456789012:cluster/bare"),
				ClusterName:                       types.StringValue("bare"),
				Region:                            types.StringValue("eu-west-1"),
				Tags:                              stringMap(map[string]string{}),
				Setting:                           emptyBlockSet(settingAttrTypes),
				Configuration:                     emptyBlockList(configurationAttrTypes),
				CapacityProviders:                 stringSet(),
				DefaultCapacityProviderStrategy:   emptyBlockSet(strategyItemAttrTypes),
				ServiceConnectDefaults:            emptyBlockList(serviceConnectDefaultsAttrTypes),
				Status:                            types.StringValue("PROVISIONING"),
				RegisteredContainerInstancesCount: types.Int64Value(0),
				RunningTasksCount:                 types.Int64Value(0),
				PendingTasksCount:                 types.Int64Value(0),
				ActiveServicesCount:               types.Int64Value(0),
				Statistics:                        stringMap(map[string]string{}),
				Attachments:                       attachmentList(),
				AttachmentsStatus:                 types.StringNull(),
			},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			var got clusterDataSourceModel
			if diags := flattenClusterDataSource(tc.cluster, &got, ignoreTags{}); diags.HasError() {
				t.Fatal(diags)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("data source model (-want +got):\n%s", diff)
			}
			// The model fits the data source's schema.
			state := tfsdk.State{Schema: dsSchema, Raw: tftypes.NewValue(dsSchema.Type().TerraformType(ctx), nil)}
			if diags := state.Set(ctx, &got); diags.HasError() {
				t.Errorf("the model does not fit the data source schema: %v", diags)
			}
		})
	}
}

func TestFlattenSettings(t *testing.T) {
	got, diags := flattenSettings([]ecstypes.ClusterSetting{{Name: "containerInsights", Value: aws.String("enhanced")}})
	if diags.HasError() {
		t.Fatal(diags)
	}
	if !got.Equal(insightsSetting("enhanced")) {
		t.Errorf("got %s", got)
	}
	got, diags = flattenSettings(nil)
	if diags.HasError() || got.IsNull() || len(got.Elements()) != 0 {
		t.Errorf("no settings must be an empty set, got %s (%v)", got, diags)
	}
}

func TestFlattenConfiguration(t *testing.T) {
	got, diags := flattenConfiguration(fullSDKConfiguration())
	if diags.HasError() {
		t.Fatal(diags)
	}
	if !got.Equal(fullConfiguration()) {
		t.Errorf("got %s\nwant %s", got, fullConfiguration())
	}
	// What flattenConfiguration gives, expandConfiguration sends back.
	if diff := cmp.Diff(fullSDKConfiguration(), expandConfiguration(got), ignoreSDKUnexported); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	for name, c := range map[string]*ecstypes.ClusterConfiguration{"nil": nil, "empty": {}} {
		got, diags := flattenConfiguration(c)
		if diags.HasError() || !got.Equal(emptyBlockList(configurationAttrTypes)) {
			t.Errorf("%s configuration must be an empty list, got %s (%v)", name, got, diags)
		}
	}
	// A block reached through configuration[0].execute_command_configuration[0].
	attrs, ok := singleBlock(got)
	if !ok {
		t.Fatal("no configuration block")
	}
	exec, ok := singleBlock(attrs["execute_command_configuration"])
	if !ok || attrString(exec, "logging").ValueString() != "OVERRIDE" {
		t.Errorf("configuration[0].execute_command_configuration[0].logging: %v", exec)
	}
}

func TestFlattenStrategy(t *testing.T) {
	got, diags := flattenStrategy([]ecstypes.CapacityProviderStrategyItem{strategyItem("FARGATE", 1, 2), strategyItem("FARGATE_SPOT", 3, 0)})
	if diags.HasError() {
		t.Fatal(diags)
	}
	want := types.SetValueMust(types.ObjectType{AttrTypes: strategyItemAttrTypes}, []attr.Value{
		types.ObjectValueMust(strategyItemAttrTypes, map[string]attr.Value{
			"capacity_provider": types.StringValue("FARGATE_SPOT"), "weight": types.Int64Value(3), "base": types.Int64Value(0),
		}),
		types.ObjectValueMust(strategyItemAttrTypes, map[string]attr.Value{
			"capacity_provider": types.StringValue("FARGATE"), "weight": types.Int64Value(1), "base": types.Int64Value(2),
		}),
	})
	if !got.Equal(want) {
		t.Errorf("got %s\nwant %s", got, want)
	}
}

func TestFlattenServiceConnectDefaults(t *testing.T) {
	reported := &ecstypes.ClusterServiceConnectDefaults{Namespace: aws.String(testNamespaceARN)}
	cases := map[string]struct {
		scd   *ecstypes.ClusterServiceConnectDefaults
		prior types.List
		want  types.List
	}{
		"none":                          {scd: nil, prior: serviceConnect("internal", testNamespaceARN), want: emptyBlockList(serviceConnectDefaultsAttrTypes)},
		"no prior block: the ARN":       {scd: reported, prior: emptyBlockList(serviceConnectDefaultsAttrTypes), want: serviceConnect(testNamespaceARN, testNamespaceARN)},
		"prior by ARN":                  {scd: reported, prior: serviceConnect(testNamespaceARN, testNamespaceARN), want: serviceConnect(testNamespaceARN, testNamespaceARN)},
		"name of the recorded ARN kept": {scd: reported, prior: serviceConnect("internal", testNamespaceARN), want: serviceConnect("internal", testNamespaceARN)},
		"name just set kept":            {scd: reported, prior: serviceConnect("internal", ""), want: serviceConnect("internal", testNamespaceARN)},
		"name of another ARN: drift":    {scd: reported, prior: serviceConnect("internal", otherNamespaceARN), want: serviceConnect(testNamespaceARN, testNamespaceARN)},
		"prior ARN changed out of band": {scd: reported, prior: serviceConnect(otherNamespaceARN, otherNamespaceARN), want: serviceConnect(testNamespaceARN, testNamespaceARN)},
		"null prior namespace: the ARN": {
			scd: reported,
			prior: block(serviceConnectDefaultsAttrTypes, map[string]attr.Value{
				"namespace": types.StringNull(), "namespace_arn": types.StringNull(),
			}),
			want: serviceConnect(testNamespaceARN, testNamespaceARN),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, diags := flattenServiceConnectDefaults(tc.scd, tc.prior)
			if diags.HasError() {
				t.Fatal(diags)
			}
			if !got.Equal(tc.want) {
				t.Errorf("got %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestFlattenAttachments(t *testing.T) {
	got, diags := flattenAttachments([]ecstypes.Attachment{
		{Id: aws.String("a1"), Type: aws.String("asp"), Status: aws.String("CREATED"), Details: []ecstypes.KeyValuePair{
			{Name: aws.String("capacityProviderName"), Value: aws.String("cp")},
			{Name: aws.String("scalingPlanName"), Value: aws.String("plan")},
		}},
		{Id: aws.String("a2"), Type: aws.String("sc"), Status: aws.String("ATTACHED")},
	})
	if diags.HasError() {
		t.Fatal(diags)
	}
	want := attachmentList(
		map[string]attr.Value{
			"id": types.StringValue("a1"), "type": types.StringValue("asp"), "status": types.StringValue("CREATED"),
			"details": stringMap(map[string]string{"capacityProviderName": "cp", "scalingPlanName": "plan"}),
		},
		map[string]attr.Value{
			"id": types.StringValue("a2"), "type": types.StringValue("sc"), "status": types.StringValue("ATTACHED"),
			"details": stringMap(map[string]string{}),
		},
	)
	if !got.Equal(want) {
		t.Errorf("got %s\nwant %s", got, want)
	}
	got, diags = flattenAttachments(nil)
	if diags.HasError() || !got.Equal(attachmentList()) {
		t.Errorf("no attachments must be an empty list, got %s (%v)", got, diags)
	}
}

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

func TestUniqueName(t *testing.T) {
	pattern := regexp.MustCompile(`^pfx-\d{20}[0-9a-f]{6}$`)
	seen := map[string]bool{}
	prev := ""
	var names clusterNames
	for range 1000 {
		n := names.unique("pfx-")
		if !pattern.MatchString(n) || len(n) != len("pfx-")+nameSuffixLength {
			t.Fatalf("unique gave %q", n)
		}
		if seen[n] {
			t.Fatalf("unique repeated %q", n)
		}
		seen[n] = true
		if got := namePrefixOf(n); got.ValueString() != "pfx-" {
			t.Fatalf("namePrefixOf(%q) = %s, want pfx-", n, got)
		}
		if n[:len(n)-6] < prev {
			t.Fatalf("unique went back in time: %q after %q", n, prev)
		}
		prev = n[:len(n)-6]
	}
}

// TestModelRawRoundTrip checks that clusterModelToRaw and
// clusterModelFromRaw convert as tfsdk.State's Set and Get do.
func TestModelRawRoundTrip(t *testing.T) {
	ctx := context.Background()
	typ := clusterTerraformType()
	models := map[string]func() clusterResourceModel{
		"plan":  plannedModel,
		"state": flattenedModel,
		"every input": func() clusterResourceModel {
			m := everyInputModel()
			m.Tags = stringMap(map[string]string{"env": "prod"})
			m.Timeouts = timeouts.Value{Object: types.ObjectValueMust(timeoutsAttrTypes, map[string]attr.Value{
				"create": types.StringValue("5m"), "update": types.StringNull(), "delete": types.StringValue("1h"),
			})}
			return m
		},
	}
	for name, model := range models {
		t.Run(name, func(t *testing.T) {
			m := model()
			raw, diags := clusterModelToRaw(ctx, typ, &m)
			if diags.HasError() {
				t.Fatal(diags)
			}
			state := tfsdk.State{Schema: clusterSchema(), Raw: tftypes.NewValue(typ, nil)}
			if diags := state.Set(ctx, &m); diags.HasError() {
				t.Fatal(diags)
			}
			if !raw.Equal(state.Raw) {
				t.Errorf("clusterModelToRaw differs from tfsdk.State.Set:\n%s\n%s", raw, state.Raw)
			}

			var back clusterResourceModel
			if diags := clusterModelFromRaw(ctx, raw, &back); diags.HasError() {
				t.Fatal(diags)
			}
			if diff := cmp.Diff(m, back); diff != "" {
				t.Errorf("round trip (-want +got):\n%s", diff)
			}
			var viaGet clusterResourceModel
			if diags := state.Get(ctx, &viaGet); diags.HasError() {
				t.Fatal(diags)
			}
			if diff := cmp.Diff(viaGet, back); diff != "" {
				t.Errorf("clusterModelFromRaw differs from tfsdk.State.Get (-get +fromRaw):\n%s", diff)
			}
		})
	}
}

func TestModelRawErrors(t *testing.T) {
	ctx := context.Background()
	var m clusterResourceModel
	diags := clusterModelFromRaw(ctx, tftypes.NewValue(tftypes.String, "x"), &m)
	if !diags.HasError() || !strings.Contains(diags[0].Detail(), "ecsx_cluster") {
		t.Errorf("a string is not an ecsx_cluster value: %v", diags)
	}

	m = flattenedModel()
	m.Setting = types.SetValueMust(types.StringType, []attr.Value{types.StringValue("containerInsights")})
	if _, diags := clusterModelToRaw(ctx, clusterTerraformType(), &m); !diags.HasError() {
		t.Error("a setting of the wrong type must be an error")
	}
}

func BenchmarkFlattenCluster(b *testing.B) {
	c := describedCluster()
	defaults := map[string]string{"team": "platform"}
	b.ReportAllocs()
	for b.Loop() {
		m := plannedModel()
		if diags := flattenCluster(c, &m, tagContext{defaults: defaults}, true); diags.HasError() {
			b.Fatal(diags)
		}
	}
}

func BenchmarkExpandCreateInput(b *testing.B) {
	m := everyInputModel()
	tags := map[string]string{"team": "platform", "env": "prod"}
	b.ReportAllocs()
	for b.Loop() {
		if in := expandCreateInput(&m, "web", tags); in.ClusterName == nil {
			b.Fatal("no cluster name")
		}
	}
}

// The model conversions against the framework's reflection-based Get and
// Set, on a state with every input set (the sizes the provider converts on
// every Read, Create and Update).
func benchModel() clusterResourceModel {
	m := everyInputModel()
	m.Tags = stringMap(map[string]string{"env": "prod"})
	m.Timeouts = timeouts.Value{Object: types.ObjectValueMust(timeoutsAttrTypes, map[string]attr.Value{
		"create": types.StringValue("5m"), "update": types.StringNull(), "delete": types.StringValue("1h"),
	})}
	return m
}

func BenchmarkModelFromRaw(b *testing.B) {
	ctx := context.Background()
	m := benchModel()
	raw, diags := clusterModelToRaw(ctx, clusterTerraformType(), &m)
	if diags.HasError() {
		b.Fatal(diags)
	}
	b.Run("hand-written", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var out clusterResourceModel
			if diags := clusterModelFromRaw(ctx, raw, &out); diags.HasError() {
				b.Fatal(diags)
			}
		}
	})
	b.Run("State.Get", func(b *testing.B) {
		state := tfsdk.State{Schema: clusterSchema(), Raw: raw}
		b.ReportAllocs()
		for b.Loop() {
			var out clusterResourceModel
			if diags := state.Get(ctx, &out); diags.HasError() {
				b.Fatal(diags)
			}
		}
	})
}

func BenchmarkModelToRaw(b *testing.B) {
	ctx := context.Background()
	m := benchModel()
	typ := clusterTerraformType()
	b.Run("hand-written", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, diags := clusterModelToRaw(ctx, typ, &m); diags.HasError() {
				b.Fatal(diags)
			}
		}
	})
	b.Run("State.Set", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			state := tfsdk.State{Schema: clusterSchema(), Raw: tftypes.NewValue(typ, nil)}
			if diags := state.Set(ctx, &m); diags.HasError() {
				b.Fatal(diags)
			}
		}
	})
}
