package provider

import (
	"context"
	"fmt"
	"reflect"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ecsx/terraform-provider-ecsx/internal/attrvalue"
	"github.com/ecsx/terraform-provider-ecsx/internal/validators"
)

// clusterResourceModel is the state of ecsx_cluster.
type clusterResourceModel struct {
	ID                                types.String   `tfsdk:"id"`
	ARN                               types.String   `tfsdk:"arn"`
	Name                              types.String   `tfsdk:"name"`
	NamePrefix                        types.String   `tfsdk:"name_prefix"`
	Region                            types.String   `tfsdk:"region"`
	Tags                              types.Map      `tfsdk:"tags"`
	TagsAll                           types.Map      `tfsdk:"tags_all"`
	Setting                           types.Set      `tfsdk:"setting"`
	Configuration                     types.List     `tfsdk:"configuration"`
	CapacityProviders                 types.Set      `tfsdk:"capacity_providers"`
	DefaultCapacityProviderStrategy   types.Set      `tfsdk:"default_capacity_provider_strategy"`
	ServiceConnectDefaults            types.List     `tfsdk:"service_connect_defaults"`
	ForceDestroy                      types.Bool     `tfsdk:"force_destroy"`
	Status                            types.String   `tfsdk:"status"`
	RegisteredContainerInstancesCount types.Int64    `tfsdk:"registered_container_instances_count"`
	RunningTasksCount                 types.Int64    `tfsdk:"running_tasks_count"`
	PendingTasksCount                 types.Int64    `tfsdk:"pending_tasks_count"`
	ActiveServicesCount               types.Int64    `tfsdk:"active_services_count"`
	Statistics                        types.Map      `tfsdk:"statistics"`
	Attachments                       types.List     `tfsdk:"attachments"`
	AttachmentsStatus                 types.String   `tfsdk:"attachments_status"`
	Timeouts                          timeouts.Value `tfsdk:"timeouts"`
}

// Attribute types of the nested values of ecsx_cluster. Blocks limited to
// one element are lists of one object, as in aws_ecs_cluster, so that
// configuration[0].execute_command_configuration[0].logging references keep
// working.
var (
	settingAttrTypes = map[string]attr.Type{
		"name":  types.StringType,
		"value": types.StringType,
	}
	logConfigurationAttrTypes = map[string]attr.Type{
		"cloud_watch_encryption_enabled": types.BoolType,
		"cloud_watch_log_group_name":     types.StringType,
		"s3_bucket_name":                 types.StringType,
		"s3_bucket_encryption_enabled":   types.BoolType,
		"s3_key_prefix":                  types.StringType,
	}
	executeCommandConfigurationAttrTypes = map[string]attr.Type{
		"kms_key_id":        types.StringType,
		"logging":           types.StringType,
		"log_configuration": types.ListType{ElemType: types.ObjectType{AttrTypes: logConfigurationAttrTypes}},
	}
	managedStorageConfigurationAttrTypes = map[string]attr.Type{
		"fargate_ephemeral_storage_kms_key_id": types.StringType,
		"kms_key_id":                           types.StringType,
	}
	configurationAttrTypes = map[string]attr.Type{
		"execute_command_configuration": types.ListType{ElemType: types.ObjectType{AttrTypes: executeCommandConfigurationAttrTypes}},
		"managed_storage_configuration": types.ListType{ElemType: types.ObjectType{AttrTypes: managedStorageConfigurationAttrTypes}},
	}
	serviceConnectDefaultsAttrTypes = map[string]attr.Type{
		"namespace":     types.StringType,
		"namespace_arn": types.StringType,
	}
	attachmentAttrTypes = map[string]attr.Type{
		"id":      types.StringType,
		"type":    types.StringType,
		"status":  types.StringType,
		"details": types.MapType{ElemType: types.StringType},
	}
)

// ---- expand: model -> SDK ----

// expandSettings converts the setting blocks; no block gives nil.
func expandSettings(set types.Set) []ecstypes.ClusterSetting {
	if set.IsNull() || set.IsUnknown() || len(set.Elements()) == 0 {
		return nil
	}
	out := make([]ecstypes.ClusterSetting, 0, len(set.Elements()))
	for _, e := range set.Elements() {
		attrs, ok := attrvalue.KnownAttrs(e)
		if !ok {
			continue
		}
		out = append(out, ecstypes.ClusterSetting{
			Name:  ecstypes.ClusterSettingName(attrvalue.String(attrs, "name").ValueString()),
			Value: aws.String(attrvalue.String(attrs, "value").ValueString()),
		})
	}
	return out
}

// expandConfiguration converts the configuration block; no block gives nil.
func expandConfiguration(l types.List) *ecstypes.ClusterConfiguration {
	attrs, ok := attrvalue.SingleBlock(l)
	if !ok {
		return nil
	}
	out := &ecstypes.ClusterConfiguration{}
	if ec, ok := attrvalue.SingleBlock(attrs["execute_command_configuration"]); ok {
		out.ExecuteCommandConfiguration = &ecstypes.ExecuteCommandConfiguration{
			KmsKeyId: stringPtrOrNil(attrvalue.String(ec, "kms_key_id")),
			Logging:  ecstypes.ExecuteCommandLogging(attrvalue.String(ec, "logging").ValueString()),
		}
		if lc, ok := attrvalue.SingleBlock(ec["log_configuration"]); ok {
			out.ExecuteCommandConfiguration.LogConfiguration = &ecstypes.ExecuteCommandLogConfiguration{
				CloudWatchLogGroupName:      stringPtrOrNil(attrvalue.String(lc, "cloud_watch_log_group_name")),
				CloudWatchEncryptionEnabled: attrvalue.Bool(lc, "cloud_watch_encryption_enabled").ValueBool(),
				S3BucketName:                stringPtrOrNil(attrvalue.String(lc, "s3_bucket_name")),
				S3EncryptionEnabled:         attrvalue.Bool(lc, "s3_bucket_encryption_enabled").ValueBool(),
				S3KeyPrefix:                 stringPtrOrNil(attrvalue.String(lc, "s3_key_prefix")),
			}
		}
	}
	if ms, ok := attrvalue.SingleBlock(attrs["managed_storage_configuration"]); ok {
		out.ManagedStorageConfiguration = &ecstypes.ManagedStorageConfiguration{
			KmsKeyId:                        stringPtrOrNil(attrvalue.String(ms, "kms_key_id")),
			FargateEphemeralStorageKmsKeyId: stringPtrOrNil(attrvalue.String(ms, "fargate_ephemeral_storage_kms_key_id")),
		}
	}
	return out
}

// namespaceOf returns the configured Service Connect namespace, "" when
// the block is absent.
func namespaceOf(l types.List) string {
	attrs, ok := attrvalue.SingleBlock(l)
	if !ok {
		return ""
	}
	return attrvalue.String(attrs, "namespace").ValueString()
}

// expandServiceConnectDefaults converts service_connect_defaults. No block
// gives the request that removes the default namespace.
func expandServiceConnectDefaults(l types.List) *ecstypes.ClusterServiceConnectDefaultsRequest {
	return &ecstypes.ClusterServiceConnectDefaultsRequest{Namespace: aws.String(namespaceOf(l))}
}

// expandCreateInput builds the CreateCluster request with every input of the
// plan: the cluster is created in one call, atomically. What the
// configuration leaves out is not sent, so that the service (and the
// account's defaults) decide it.
func expandCreateInput(m *clusterResourceModel, name string, tagsAll map[string]string) *ecs.CreateClusterInput {
	in := &ecs.CreateClusterInput{
		ClusterName:   aws.String(name),
		Settings:      expandSettings(m.Setting),
		Configuration: expandConfiguration(m.Configuration),
	}
	if len(tagsAll) > 0 {
		in.Tags = expandTags(tagsAll)
	}
	providers := expandCapacityProviders(m.CapacityProviders)
	strategy := expandStrategy(m.DefaultCapacityProviderStrategy)
	if len(providers) > 0 || len(strategy) > 0 {
		in.CapacityProviders = providers
		in.DefaultCapacityProviderStrategy = strategy
	}
	if namespaceOf(m.ServiceConnectDefaults) != "" {
		in.ServiceConnectDefaults = expandServiceConnectDefaults(m.ServiceConnectDefaults)
	}
	return in
}

// ---- flatten: SDK -> model ----

// flattenCluster writes the state of a described cluster into m. The
// values of m on entry are the prior ones (state on Read, plan on
// Create/Update); they decide what the resource manages and how equivalent
// forms are presented, so that they give no diff:
//   - tags: the reported tags, minus provider default tags the resource does
//     not set itself (and minus AWS-reserved aws: tags and the provider's
//     ignore_tags, see tagContext);
//   - setting: tracked only while the configuration has a setting block;
//   - capacity_providers and default_capacity_provider_strategy: tracked only
//     while capacity_providers is set;
//   - service_connect_defaults.namespace: the configured name is kept while
//     the reported ARN is the one recorded for it in namespace_arn.
//
// With adopt (right after an import) everything the cluster has is taken
// into the state, as the service reports it.
func flattenCluster(c *ecstypes.Cluster, m *clusterResourceModel, tc tagContext, adopt bool) diag.Diagnostics {
	var diags diag.Diagnostics

	if m.ForceDestroy.IsNull() || m.ForceDestroy.IsUnknown() {
		// Imported, listed or written by an earlier version: the default.
		m.ForceDestroy = types.BoolValue(false)
	}
	m.ID = types.StringValue(aws.ToString(c.ClusterArn))
	m.ARN = types.StringValue(aws.ToString(c.ClusterArn))
	m.Name = types.StringValue(aws.ToString(c.ClusterName))
	m.Status = types.StringValue(aws.ToString(c.Status))
	m.RegisteredContainerInstancesCount = types.Int64Value(int64(c.RegisteredContainerInstancesCount))
	m.RunningTasksCount = types.Int64Value(int64(c.RunningTasksCount))
	m.PendingTasksCount = types.Int64Value(int64(c.PendingTasksCount))
	m.ActiveServicesCount = types.Int64Value(int64(c.ActiveServicesCount))
	m.AttachmentsStatus = stringOrNull(c.AttachmentsStatus)
	if region := regionOfARN(aws.ToString(c.ClusterArn)); region != "" {
		m.Region = types.StringValue(region)
	}
	if adopt || m.NamePrefix.IsUnknown() {
		m.NamePrefix = namePrefixOf(aws.ToString(c.ClusterName))
	}

	reported := tc.ignore.filter(flattenTagMap(c.Tags))
	var d diag.Diagnostics
	m.TagsAll, d = stringMapValue(reported)
	diags.Append(d...)
	m.Tags, d = tc.ownTags(reported, m.Tags)
	diags.Append(d...)

	if adopt || !attrvalue.BlockAbsent(m.Setting) {
		m.Setting, d = flattenSettings(c.Settings)
		diags.Append(d...)
	} else {
		m.Setting = emptyBlockSet(settingAttrTypes)
	}

	m.Configuration, d = flattenConfiguration(c.Configuration)
	diags.Append(d...)

	if adopt || !m.CapacityProviders.IsNull() {
		providerElems := make([]attr.Value, len(c.CapacityProviders))
		for i, p := range c.CapacityProviders {
			providerElems[i] = types.StringValue(p)
		}
		m.CapacityProviders, d = types.SetValue(types.StringType, providerElems)
		diags.Append(d...)
		m.DefaultCapacityProviderStrategy, d = flattenStrategy(c.DefaultCapacityProviderStrategy)
		diags.Append(d...)
	} else {
		m.CapacityProviders = types.SetNull(types.StringType)
		m.DefaultCapacityProviderStrategy = emptyBlockSet(strategyItemAttrTypes)
	}

	m.ServiceConnectDefaults, d = flattenServiceConnectDefaults(c.ServiceConnectDefaults, m.ServiceConnectDefaults)
	diags.Append(d...)

	m.Statistics, d = flattenStatistics(c.Statistics)
	diags.Append(d...)

	m.Attachments, d = flattenAttachments(c.Attachments)
	diags.Append(d...)
	return diags
}

// flattenStatistics converts the reported statistics to a map.
func flattenStatistics(stats []ecstypes.KeyValuePair) (types.Map, diag.Diagnostics) {
	out := make(map[string]string, len(stats))
	for _, kv := range stats {
		out[aws.ToString(kv.Name)] = aws.ToString(kv.Value)
	}
	return stringMapValue(out)
}

// flattenSettings converts the reported settings to setting blocks.
func flattenSettings(settings []ecstypes.ClusterSetting) (types.Set, diag.Diagnostics) {
	elems := make([]attr.Value, 0, len(settings))
	for _, s := range settings {
		elems = append(elems, types.ObjectValueMust(settingAttrTypes, map[string]attr.Value{
			"name":  types.StringValue(string(s.Name)),
			"value": types.StringValue(aws.ToString(s.Value)),
		}))
	}
	return types.SetValue(types.ObjectType{AttrTypes: settingAttrTypes}, elems)
}

// flattenConfiguration converts the cluster configuration; an absent or
// empty configuration is no block, so that an out-of-band removal shows as
// drift.
func flattenConfiguration(c *ecstypes.ClusterConfiguration) (types.List, diag.Diagnostics) {
	if c == nil || (c.ExecuteCommandConfiguration == nil && c.ManagedStorageConfiguration == nil) {
		return emptyBlockList(configurationAttrTypes), nil
	}
	var diags diag.Diagnostics
	exec := emptyBlockList(executeCommandConfigurationAttrTypes)
	if ec := c.ExecuteCommandConfiguration; ec != nil {
		logging := string(ec.Logging)
		if logging == "" {
			logging = validators.LoggingDefault
		}
		logCfg := emptyBlockList(logConfigurationAttrTypes)
		if lc := ec.LogConfiguration; lc != nil {
			var d diag.Diagnostics
			logCfg, d = blockOf(logConfigurationAttrTypes, map[string]attr.Value{
				"cloud_watch_log_group_name":     stringOrNull(lc.CloudWatchLogGroupName),
				"cloud_watch_encryption_enabled": types.BoolValue(lc.CloudWatchEncryptionEnabled),
				"s3_bucket_name":                 stringOrNull(lc.S3BucketName),
				"s3_bucket_encryption_enabled":   types.BoolValue(lc.S3EncryptionEnabled),
				"s3_key_prefix":                  stringOrNull(lc.S3KeyPrefix),
			})
			diags.Append(d...)
		}
		var d diag.Diagnostics
		exec, d = blockOf(executeCommandConfigurationAttrTypes, map[string]attr.Value{
			"kms_key_id":        stringOrNull(ec.KmsKeyId),
			"logging":           types.StringValue(logging),
			"log_configuration": logCfg,
		})
		diags.Append(d...)
	}
	storage := emptyBlockList(managedStorageConfigurationAttrTypes)
	if ms := c.ManagedStorageConfiguration; ms != nil {
		var d diag.Diagnostics
		storage, d = blockOf(managedStorageConfigurationAttrTypes, map[string]attr.Value{
			"kms_key_id":                           stringOrNull(ms.KmsKeyId),
			"fargate_ephemeral_storage_kms_key_id": stringOrNull(ms.FargateEphemeralStorageKmsKeyId),
		})
		diags.Append(d...)
	}
	out, d := blockOf(configurationAttrTypes, map[string]attr.Value{
		"execute_command_configuration": exec,
		"managed_storage_configuration": storage,
	})
	diags.Append(d...)
	return out, diags
}

// flattenServiceConnectDefaults converts the reported Service Connect
// defaults. ECS always reports the namespace ARN. The prior namespace (a
// name, or an ARN) is kept when the reported ARN is the one recorded for it
// in namespace_arn, or when namespace_arn is not known yet (right after the
// namespace was set); otherwise the reported ARN replaces it, so that a
// namespace changed outside Terraform shows as drift.
func flattenServiceConnectDefaults(scd *ecstypes.ClusterServiceConnectDefaults, prior types.List) (types.List, diag.Diagnostics) {
	if scd == nil || aws.ToString(scd.Namespace) == "" {
		return emptyBlockList(serviceConnectDefaultsAttrTypes), nil
	}
	reported := aws.ToString(scd.Namespace)
	namespace := reported
	if attrs, ok := attrvalue.SingleBlock(prior); ok {
		priorNamespace, priorARN := attrvalue.String(attrs, "namespace"), attrvalue.String(attrs, "namespace_arn")
		switch {
		case priorNamespace.IsNull() || priorNamespace.IsUnknown():
		case priorNamespace.ValueString() == reported:
		case priorARN.IsUnknown(), priorARN.ValueString() == reported:
			namespace = priorNamespace.ValueString()
		}
	}
	return blockOf(serviceConnectDefaultsAttrTypes, map[string]attr.Value{
		"namespace":     types.StringValue(namespace),
		"namespace_arn": types.StringValue(reported),
	})
}

func flattenAttachments(attachments []ecstypes.Attachment) (types.List, diag.Diagnostics) {
	var diags diag.Diagnostics
	elems := make([]attr.Value, 0, len(attachments))
	for _, a := range attachments {
		details := make(map[string]attr.Value, len(a.Details))
		for _, kv := range a.Details {
			details[aws.ToString(kv.Name)] = types.StringValue(aws.ToString(kv.Value))
		}
		detailsMap, d := types.MapValue(types.StringType, details)
		diags.Append(d...)
		obj, d := types.ObjectValue(attachmentAttrTypes, map[string]attr.Value{
			"id":      types.StringValue(aws.ToString(a.Id)),
			"type":    types.StringValue(aws.ToString(a.Type)),
			"status":  types.StringValue(aws.ToString(a.Status)),
			"details": detailsMap,
		})
		diags.Append(d...)
		elems = append(elems, obj)
	}
	out, d := types.ListValue(types.ObjectType{AttrTypes: attachmentAttrTypes}, elems)
	diags.Append(d...)
	return out, diags
}

// ---- model <-> Terraform value ----
//
// The framework's tfsdk Get and Set convert a model struct by reflection
// over its tfsdk tags, re-validating every tag on every call. The model of
// ecsx_cluster is converted often (ModifyPlan, Read, Create, Update), so its
// fields are indexed once and converted attribute by attribute with the
// schema's own attribute types: the same conversion, without the overhead.

// clusterModelField is one attribute of clusterResourceModel.
type clusterModelField struct {
	name  string
	index int
	typ   attr.Type
}

var (
	clusterModelFieldsOnce sync.Once
	clusterModelFields     []clusterModelField
	clusterObjectType      tftypes.Type
)

// clusterTerraformType returns the object type of the ecsx_cluster schema.
func clusterTerraformType() tftypes.Type {
	clusterFields()
	return clusterObjectType
}

// clusterFields returns the attributes of the model, in struct order.
func clusterFields() []clusterModelField {
	clusterModelFieldsOnce.Do(func() {
		objType := clusterSchema().Type()
		clusterObjectType = objType.TerraformType(context.Background())
		withAttrs, ok := objType.(attr.TypeWithAttributeTypes)
		if !ok {
			panic(fmt.Sprintf("ecsx_cluster schema type %T has no attribute types", objType))
		}
		attrTypes := withAttrs.AttributeTypes()
		t := reflect.TypeFor[clusterResourceModel]()
		for i := range t.NumField() {
			name := t.Field(i).Tag.Get("tfsdk")
			typ, ok := attrTypes[name]
			if !ok {
				panic(fmt.Sprintf("clusterResourceModel field %s has no schema attribute %q", t.Field(i).Name, name))
			}
			clusterModelFields = append(clusterModelFields, clusterModelField{name: name, index: i, typ: typ})
		}
		if len(clusterModelFields) != len(attrTypes) {
			panic("clusterResourceModel does not cover every schema attribute")
		}
	})
	return clusterModelFields
}

// clusterModelFromRaw reads a plan or state value of ecsx_cluster into m,
// as tfsdk.Plan.Get and tfsdk.State.Get do.
func clusterModelFromRaw(ctx context.Context, raw tftypes.Value, m *clusterResourceModel) diag.Diagnostics {
	var diags diag.Diagnostics
	var vals map[string]tftypes.Value
	if err := raw.As(&vals); err != nil {
		diags.AddError("Value Conversion Error",
			"An unexpected error was encountered converting the ecsx_cluster value. This is always an error in the provider. Please report the following to the provider developer:\n\n"+err.Error())
		return diags
	}
	rv := reflect.ValueOf(m).Elem()
	for _, f := range clusterFields() {
		v, err := f.typ.ValueFromTerraform(ctx, vals[f.name])
		if err != nil {
			diags.AddAttributeError(path.Root(f.name), "Value Conversion Error",
				"An unexpected error was encountered converting the ecsx_cluster value. This is always an error in the provider. Please report the following to the provider developer:\n\n"+err.Error())
			continue
		}
		fv := rv.Field(f.index)
		val := reflect.ValueOf(v)
		if !val.Type().AssignableTo(fv.Type()) {
			diags.AddAttributeError(path.Root(f.name), "Value Conversion Error",
				fmt.Sprintf("An unexpected error was encountered converting the ecsx_cluster value. This is always an error in the provider. Please report the following to the provider developer:\n\n%T cannot be stored in a field of type %s", v, fv.Type()))
			continue
		}
		fv.Set(val)
	}
	return diags
}

// clusterModelToRaw converts m to a value of type typ (the object type of
// the ecsx_cluster schema), as tfsdk.State.Set does.
func clusterModelToRaw(ctx context.Context, typ tftypes.Type, m *clusterResourceModel) (tftypes.Value, diag.Diagnostics) {
	var diags diag.Diagnostics
	vals := make(map[string]tftypes.Value, len(clusterFields()))
	rv := reflect.ValueOf(m).Elem()
	for _, f := range clusterFields() {
		av, _ := rv.Field(f.index).Interface().(attr.Value)
		if av == nil {
			diags.AddAttributeError(path.Root(f.name), "Value Conversion Error", "ecsx_cluster field is not a framework value. This is always an error in the provider.")
			return tftypes.Value{}, diags
		}
		v, err := av.ToTerraformValue(ctx)
		if err != nil {
			diags.AddAttributeError(path.Root(f.name), "Value Conversion Error",
				"An unexpected error was encountered converting the ecsx_cluster value. This is always an error in the provider. Please report the following to the provider developer:\n\n"+err.Error())
			return tftypes.Value{}, diags
		}
		vals[f.name] = v
	}
	if err := tftypes.ValidateValue(typ, vals); err != nil {
		diags.AddError("Value Conversion Error",
			"An unexpected error was encountered converting the ecsx_cluster value. This is always an error in the provider. Please report the following to the provider developer:\n\n"+err.Error())
		return tftypes.Value{}, diags
	}
	return tftypes.NewValue(typ, vals), diags
}

// keepPlannedInformational restores, after an update has read the cluster,
// the values ECS reports that the plan promised (known in promised): the
// state after apply must match the plan, and the next refresh shows what
// ECS reports now.
func keepPlannedInformational(m, promised *clusterResourceModel) {
	if !promised.Status.IsUnknown() {
		m.Status = promised.Status
	}
	if !promised.AttachmentsStatus.IsUnknown() {
		m.AttachmentsStatus = promised.AttachmentsStatus
	}
	if !promised.Attachments.IsUnknown() {
		m.Attachments = promised.Attachments
	}
	if !promised.Statistics.IsUnknown() {
		m.Statistics = promised.Statistics
	}
	for _, p := range []struct{ got, want *types.Int64 }{
		{&m.RegisteredContainerInstancesCount, &promised.RegisteredContainerInstancesCount},
		{&m.RunningTasksCount, &promised.RunningTasksCount},
		{&m.PendingTasksCount, &promised.PendingTasksCount},
		{&m.ActiveServicesCount, &promised.ActiveServicesCount},
	} {
		if !p.want.IsUnknown() {
			*p.got = *p.want
		}
	}
}
