package sandbox_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

func TestCreateClusterResponse(t *testing.T) {
	e := start(t, sandbox.Options{})
	c := mustCreate(t, e.client, &ecs.CreateClusterInput{
		ClusterName: aws.String("web"),
		Tags:        []types.Tag{{Key: aws.String("env"), Value: aws.String("dev")}},
		Configuration: &types.ClusterConfiguration{ExecuteCommandConfiguration: &types.ExecuteCommandConfiguration{
			Logging: types.ExecuteCommandLoggingOverride,
			LogConfiguration: &types.ExecuteCommandLogConfiguration{
				CloudWatchLogGroupName: aws.String("/ecs/exec"), CloudWatchEncryptionEnabled: true,
			},
		}},
	})
	if aws.ToString(c.ClusterArn) != "arn:aws:ecs:us-east-1:123456789012:cluster/web" || aws.ToString(c.ClusterName) != "web" {
		t.Errorf("identity %s %s", aws.ToString(c.ClusterArn), aws.ToString(c.ClusterName))
	}
	if aws.ToString(c.Status) != "ACTIVE" {
		t.Errorf("status %s", aws.ToString(c.Status))
	}
	if tagsMap(c.Tags)["env"] != "dev" {
		t.Errorf("tags %v", c.Tags)
	}
	if len(c.Settings) != 1 || c.Settings[0].Name != types.ClusterSettingNameContainerInsights || aws.ToString(c.Settings[0].Value) != "disabled" {
		t.Errorf("settings %+v", c.Settings)
	}
	ecc := c.Configuration.ExecuteCommandConfiguration
	if ecc.Logging != types.ExecuteCommandLoggingOverride || aws.ToString(ecc.LogConfiguration.CloudWatchLogGroupName) != "/ecs/exec" || !ecc.LogConfiguration.CloudWatchEncryptionEnabled {
		t.Errorf("configuration %+v", ecc)
	}
	if c.CapacityProviders == nil || c.DefaultCapacityProviderStrategy == nil || c.Statistics == nil {
		t.Errorf("capacityProviders/strategy/statistics must be [] not absent")
	}

	// Omitted name means "default".
	d := mustCreate(t, e.client, &ecs.CreateClusterInput{})
	if aws.ToString(d.ClusterName) != "default" {
		t.Errorf("default name %s", aws.ToString(d.ClusterName))
	}
	out, err := e.client.DescribeClusters(ctx, &ecs.DescribeClustersInput{})
	if err != nil || len(out.Clusters) != 1 || aws.ToString(out.Clusters[0].ClusterName) != "default" {
		t.Errorf("describe default: %+v %v", out, err)
	}

	// Configurable default for containerInsights.
	e2 := start(t, sandbox.Options{DefaultContainerInsights: "enhanced"})
	c2 := mustCreate(t, e2.client, &ecs.CreateClusterInput{ClusterName: aws.String("x")})
	if aws.ToString(c2.Settings[0].Value) != "enhanced" {
		t.Errorf("default insights %+v", c2.Settings)
	}
	c3 := mustCreate(t, e2.client, &ecs.CreateClusterInput{ClusterName: aws.String("y"),
		Settings: []types.ClusterSetting{{Name: types.ClusterSettingNameContainerInsights, Value: aws.String("enabled")}}})
	if aws.ToString(c3.Settings[0].Value) != "enabled" {
		t.Errorf("explicit insights %+v", c3.Settings)
	}
}

func TestCreateClusterValidation(t *testing.T) {
	e := start(t, sandbox.Options{})
	long := strings.Repeat("k", 129)
	cases := map[string]*ecs.CreateClusterInput{
		"bad name":      {ClusterName: aws.String("bad name")},
		"empty name":    {ClusterName: aws.String("")},
		"long name":     {ClusterName: aws.String(strings.Repeat("a", 256))},
		"tag key long":  {ClusterName: aws.String("a"), Tags: []types.Tag{{Key: aws.String(long), Value: aws.String("v")}}},
		"tag value":     {ClusterName: aws.String("a"), Tags: []types.Tag{{Key: aws.String("k"), Value: aws.String(strings.Repeat("v", 257))}}},
		"tag pattern":   {ClusterName: aws.String("a"), Tags: []types.Tag{{Key: aws.String("k*"), Value: aws.String("v")}}},
		"duplicate tag": {ClusterName: aws.String("a"), Tags: []types.Tag{{Key: aws.String("k"), Value: aws.String("1")}, {Key: aws.String("k"), Value: aws.String("2")}}},
		"tag empty key": {ClusterName: aws.String("a"), Tags: []types.Tag{{Key: aws.String(""), Value: aws.String("v")}}},
		"aws: key":      {ClusterName: aws.String("a"), Tags: []types.Tag{{Key: aws.String("AWS:x"), Value: aws.String("v")}}},
		"aws: value":    {ClusterName: aws.String("a"), Tags: []types.Tag{{Key: aws.String("k"), Value: aws.String("aWs:v")}}},
		"setting name":  {ClusterName: aws.String("a"), Settings: []types.ClusterSetting{{Name: "other", Value: aws.String("enabled")}}},
		"setting value": {ClusterName: aws.String("a"), Settings: []types.ClusterSetting{{Name: "containerInsights", Value: aws.String("on")}}},
		"logging enum": {ClusterName: aws.String("a"), Configuration: &types.ClusterConfiguration{
			ExecuteCommandConfiguration: &types.ExecuteCommandConfiguration{Logging: "LOUD"}}},
		"override without logConfiguration": {ClusterName: aws.String("a"), Configuration: &types.ClusterConfiguration{
			ExecuteCommandConfiguration: &types.ExecuteCommandConfiguration{Logging: types.ExecuteCommandLoggingOverride}}},
		"logConfiguration without override": {ClusterName: aws.String("a"), Configuration: &types.ClusterConfiguration{
			ExecuteCommandConfiguration: &types.ExecuteCommandConfiguration{Logging: types.ExecuteCommandLoggingDefault,
				LogConfiguration: &types.ExecuteCommandLogConfiguration{S3BucketName: aws.String("b")}}}},
		"unknown provider":    {ClusterName: aws.String("a"), CapacityProviders: []string{"nope"}},
		"duplicate provider":  {ClusterName: aws.String("a"), CapacityProviders: []string{"FARGATE", "FARGATE"}},
		"strategy unassoc":    {ClusterName: aws.String("a"), DefaultCapacityProviderStrategy: []types.CapacityProviderStrategyItem{{CapacityProvider: aws.String("FARGATE")}}},
		"serviceConnect name": {ClusterName: aws.String("a"), ServiceConnectDefaults: &types.ClusterServiceConnectDefaultsRequest{Namespace: aws.String("bad name")}},
	}
	var tooMany []types.Tag
	for i := range 51 {
		tooMany = append(tooMany, types.Tag{Key: aws.String(fmt.Sprint("k", i)), Value: aws.String("v")})
	}
	cases["51 tags"] = &ecs.CreateClusterInput{ClusterName: aws.String("a"), Tags: tooMany}
	for name, in := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := e.client.CreateCluster(ctx, in)
			wantErr[*types.InvalidParameterException](t, err)
		})
	}
	if list, _ := e.client.ListClusters(ctx, &ecs.ListClustersInput{}); len(list.ClusterArns) != 0 {
		t.Errorf("failed creates left clusters: %v", list.ClusterArns)
	}
	// 50 tags with unicode letters and spaces are fine.
	ok := append([]types.Tag{{Key: aws.String("Größe Ω"), Value: aws.String("ü 1 _.:/=+-@")}}, tooMany[:49]...)
	mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("ok"), Tags: ok})

	// Namespace ARNs must be known.
	_, err := e.client.CreateCluster(ctx, &ecs.CreateClusterInput{ClusterName: aws.String("sc"),
		ServiceConnectDefaults: &types.ClusterServiceConnectDefaultsRequest{Namespace: aws.String("arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-unknown")}})
	wantErr[*types.NamespaceNotFoundException](t, err)
}

// Checklist §9.4.
func TestCreateClusterIdempotency(t *testing.T) {
	e := start(t, sandbox.Options{})
	strategy := []types.CapacityProviderStrategyItem{{CapacityProvider: aws.String("FARGATE"), Weight: 1, Base: 1}}
	in := &ecs.CreateClusterInput{ClusterName: aws.String("idem"), CapacityProviders: []string{"FARGATE"}, DefaultCapacityProviderStrategy: strategy,
		Tags: []types.Tag{{Key: aws.String("a"), Value: aws.String("1")}}}
	a := mustCreate(t, e.client, in)
	in.Tags = []types.Tag{{Key: aws.String("b"), Value: aws.String("2")}}
	b := mustCreate(t, e.client, in)
	if aws.ToString(a.ClusterArn) != aws.ToString(b.ClusterArn) {
		t.Fatal("different ARNs")
	}
	if m := tagsMap(b.Tags); m["a"] != "1" || len(m) != 1 {
		t.Errorf("idempotent create changed tags: %v", m)
	}
	_, err := e.client.CreateCluster(ctx, &ecs.CreateClusterInput{ClusterName: aws.String("idem"), CapacityProviders: []string{"FARGATE", "FARGATE_SPOT"}, DefaultCapacityProviderStrategy: strategy})
	ipe := asErr[*types.InvalidParameterException](t, err)
	if ipe.ErrorMessage() != "Arguments on this idempotent request are inconsistent with arguments used in previous request(s)." {
		t.Errorf("message %q", ipe.ErrorMessage())
	}
	_, err = e.client.CreateCluster(ctx, &ecs.CreateClusterInput{ClusterName: aws.String("idem"), CapacityProviders: []string{"FARGATE"}})
	wantErr[*types.InvalidParameterException](t, err)

	// A deleted name is re-created fresh, with the same ARN.
	if _, err := e.client.DeleteCluster(ctx, &ecs.DeleteClusterInput{Cluster: aws.String("idem")}); err != nil {
		t.Fatal(err)
	}
	c := mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("idem")})
	if aws.ToString(c.Status) != "ACTIVE" || aws.ToString(c.ClusterArn) != aws.ToString(a.ClusterArn) || len(c.CapacityProviders) != 0 || len(c.Tags) != 0 {
		t.Errorf("re-created %+v", c)
	}
}

// Checklist §9.2 and §9.5 (include gating).
func TestDescribeClusters(t *testing.T) {
	e := start(t, sandbox.Options{})
	out, err := e.client.DescribeClusters(ctx, &ecs.DescribeClustersInput{Clusters: []string{"foobar"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Clusters) != 0 || len(out.Failures) != 1 ||
		aws.ToString(out.Failures[0].Arn) != "arn:aws:ecs:us-east-1:123456789012:cluster/foobar" || aws.ToString(out.Failures[0].Reason) != "MISSING" {
		t.Fatalf("unknown: %+v", out)
	}
	_, m := post(t, e.http.URL, target+"DescribeClusters", `{"clusters":["foobar"]}`)
	if cl, ok := m["clusters"].([]any); !ok || len(cl) != 0 {
		t.Errorf("clusters must be [] : %v", m)
	}
	_, m = post(t, e.http.URL, target+"DescribeClusters", `{"clusters":[]}`)
	if f, ok := m["failures"].([]any); !ok || len(f) != 1 {
		t.Errorf("failures for default: %v", m)
	}

	mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("g"),
		Tags:                   []types.Tag{{Key: aws.String("k"), Value: aws.String("v")}},
		Configuration:          &types.ClusterConfiguration{ManagedStorageConfiguration: &types.ManagedStorageConfiguration{KmsKeyId: aws.String("key")}},
		ServiceConnectDefaults: &types.ClusterServiceConnectDefaultsRequest{Namespace: aws.String("svc")},
	})
	if err := e.srv.SetOccupants("", "", "g", sandbox.Occupants{ContainerInstances: 2, RunningTasks: 3, PendingTasks: 1, ActiveServices: 4, DrainingServices: 1}); err != nil {
		t.Fatal(err)
	}
	bare := describe(t, e.client, "g")
	if bare.Tags != nil || bare.Settings != nil || bare.Configuration != nil || bare.Statistics != nil || bare.Attachments != nil || bare.AttachmentsStatus != nil {
		t.Errorf("ungated members present: %+v", bare)
	}
	if bare.CapacityProviders == nil || bare.DefaultCapacityProviderStrategy == nil || bare.ServiceConnectDefaults == nil {
		t.Errorf("always-present members missing: %+v", bare)
	}
	if bare.RegisteredContainerInstancesCount != 2 || bare.RunningTasksCount != 3 || bare.PendingTasksCount != 1 || bare.ActiveServicesCount != 4 {
		t.Errorf("counts %+v", bare)
	}
	full := describe(t, e.client, "arn:aws:ecs:us-east-1:123456789012:cluster/g", types.ClusterFieldAttachments, types.ClusterFieldConfigurations,
		types.ClusterFieldSettings, types.ClusterFieldStatistics, types.ClusterFieldTags)
	if tagsMap(full.Tags)["k"] != "v" || len(full.Settings) != 1 || aws.ToString(full.Configuration.ManagedStorageConfiguration.KmsKeyId) != "key" {
		t.Errorf("gated members %+v", full)
	}
	stats := map[string]string{}
	for _, kv := range full.Statistics {
		stats[aws.ToString(kv.Name)] = aws.ToString(kv.Value)
	}
	if stats["runningEC2TasksCount"] != "3" || stats["drainingEC2ServiceCount"] != "1" {
		t.Errorf("statistics %v", stats)
	}
	if len(full.Attachments) != 1 || aws.ToString(full.Attachments[0].Type) != "sc" {
		t.Errorf("attachments %+v", full.Attachments)
	}

	// Mixed order, ARNs and failures.
	out, _ = e.client.DescribeClusters(ctx, &ecs.DescribeClustersInput{Clusters: []string{"nope", "g", "arn:aws:ecs:us-east-1:999999999999:cluster/g"}})
	if len(out.Clusters) != 1 || len(out.Failures) != 2 || aws.ToString(out.Failures[1].Arn) != "arn:aws:ecs:us-east-1:999999999999:cluster/g" {
		t.Errorf("mixed %+v", out)
	}

	_, err = e.client.DescribeClusters(ctx, &ecs.DescribeClustersInput{Include: []types.ClusterField{"BOGUS"}})
	wantErr[*types.InvalidParameterException](t, err)
	many := make([]string, 101)
	for i := range many {
		many[i] = fmt.Sprint("c", i)
	}
	_, err = e.client.DescribeClusters(ctx, &ecs.DescribeClustersInput{Clusters: many})
	wantErr[*types.InvalidParameterException](t, err)
}

// Checklist §9.7.
func TestListClustersPagination(t *testing.T) {
	e := start(t, sandbox.Options{})
	want := map[string]bool{}
	for i := range 7 {
		c := mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String(fmt.Sprintf("c%02d", i))})
		want[aws.ToString(c.ClusterArn)] = true
	}
	mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("gone")})
	if _, err := e.client.DeleteCluster(ctx, &ecs.DeleteClusterInput{Cluster: aws.String("gone")}); err != nil {
		t.Fatal(err)
	}

	var got []string
	pages := 0
	p := ecs.NewListClustersPaginator(e.client, &ecs.ListClustersInput{MaxResults: aws.Int32(1)})
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		got = append(got, out.ClusterArns...)
		if len(out.ClusterArns) != 1 {
			t.Fatalf("page %d has %d", pages, len(out.ClusterArns))
		}
	}
	if pages != 7 || len(got) != 7 {
		t.Fatalf("pages %d got %v", pages, got)
	}
	for _, a := range got {
		if !want[a] {
			t.Errorf("unexpected %s", a)
		}
	}
	last, _ := e.client.ListClusters(ctx, &ecs.ListClustersInput{MaxResults: aws.Int32(7)})
	if last.NextToken != nil || len(last.ClusterArns) != 7 {
		t.Errorf("full page: %v %v", last.ClusterArns, last.NextToken)
	}
	// Stable order.
	again, _ := e.client.ListClusters(ctx, &ecs.ListClustersInput{})
	if strings.Join(again.ClusterArns, ",") != strings.Join(got, ",") {
		t.Errorf("order changed: %v vs %v", again.ClusterArns, got)
	}

	for _, in := range []*ecs.ListClustersInput{{MaxResults: aws.Int32(101)}, {MaxResults: aws.Int32(-1)}, {NextToken: aws.String("garbage!")}} {
		_, err := e.client.ListClusters(ctx, in)
		wantErr[*types.InvalidParameterException](t, err)
	}
	_, m := post(t, e.http.URL, target+"ListClusters", `{"maxResults":0}`)
	if m["__type"] != "InvalidParameterException" {
		t.Errorf("maxResults 0: %v", m)
	}
}

func TestUpdateCluster(t *testing.T) {
	e := start(t, sandbox.Options{})
	mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("u"),
		Configuration: &types.ClusterConfiguration{ExecuteCommandConfiguration: &types.ExecuteCommandConfiguration{KmsKeyId: aws.String("k1")}}})

	// Settings only: configuration unchanged.
	out, err := e.client.UpdateCluster(ctx, &ecs.UpdateClusterInput{Cluster: aws.String("u"),
		Settings: []types.ClusterSetting{{Name: types.ClusterSettingNameContainerInsights, Value: aws.String("enhanced")}}})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(out.Cluster.Settings[0].Value) != "enhanced" || aws.ToString(out.Cluster.Configuration.ExecuteCommandConfiguration.KmsKeyId) != "k1" {
		t.Errorf("update settings: %+v", out.Cluster)
	}
	if out.Cluster.Tags == nil || out.Cluster.Statistics == nil {
		t.Errorf("update output must carry tags [] and statistics []")
	}

	// Service Connect by name: a stable Cloud Map ARN and an sc attachment.
	out, err = e.client.UpdateCluster(ctx, &ecs.UpdateClusterInput{Cluster: aws.String("u"),
		ServiceConnectDefaults: &types.ClusterServiceConnectDefaultsRequest{Namespace: aws.String("local")}})
	if err != nil {
		t.Fatal(err)
	}
	ns := aws.ToString(out.Cluster.ServiceConnectDefaults.Namespace)
	if !strings.HasPrefix(ns, "arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-") || len(ns) != len("arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-")+16 {
		t.Errorf("namespace ARN %q", ns)
	}
	if aws.ToString(out.Cluster.Configuration.ExecuteCommandConfiguration.KmsKeyId) != "k1" {
		t.Errorf("configuration lost")
	}
	other := mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("v"),
		ServiceConnectDefaults: &types.ClusterServiceConnectDefaultsRequest{Namespace: aws.String("local")}})
	if aws.ToString(other.ServiceConnectDefaults.Namespace) != ns {
		t.Errorf("same name, different ARN")
	}
	// The minted ARN is now known and can be used directly.
	if _, err := e.client.UpdateCluster(ctx, &ecs.UpdateClusterInput{Cluster: aws.String("v"),
		ServiceConnectDefaults: &types.ClusterServiceConnectDefaultsRequest{Namespace: aws.String(ns)}}); err != nil {
		t.Fatal(err)
	}
	// A registered namespace ARN is accepted, an unknown one refused.
	reg := e.srv.RegisterNamespace("", "", "arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-registered00000")
	out, err = e.client.UpdateCluster(ctx, &ecs.UpdateClusterInput{Cluster: aws.String("u"),
		ServiceConnectDefaults: &types.ClusterServiceConnectDefaultsRequest{Namespace: aws.String(reg)}})
	if err != nil || aws.ToString(out.Cluster.ServiceConnectDefaults.Namespace) != reg {
		t.Fatalf("registered: %v", err)
	}
	var attached, deleted int
	for _, a := range out.Cluster.Attachments {
		switch aws.ToString(a.Status) {
		case "ATTACHED":
			attached++
		case "DELETED":
			deleted++
		}
	}
	if attached != 1 || deleted != 1 {
		t.Errorf("sc attachments %+v", out.Cluster.Attachments)
	}
	_, err = e.client.UpdateCluster(ctx, &ecs.UpdateClusterInput{Cluster: aws.String("u"),
		ServiceConnectDefaults: &types.ClusterServiceConnectDefaultsRequest{Namespace: aws.String("arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-zzzzzzzzzzzzzzzz")}})
	wantErr[*types.NamespaceNotFoundException](t, err)

	// namespace "" removes the default.
	out, err = e.client.UpdateCluster(ctx, &ecs.UpdateClusterInput{Cluster: aws.String("u"),
		ServiceConnectDefaults: &types.ClusterServiceConnectDefaultsRequest{Namespace: aws.String("")}})
	if err != nil || out.Cluster.ServiceConnectDefaults != nil {
		t.Fatalf("remove namespace: %+v %v", out, err)
	}

	// configuration: {} clears the configuration.
	out, err = e.client.UpdateCluster(ctx, &ecs.UpdateClusterInput{Cluster: aws.String("u"), Configuration: &types.ClusterConfiguration{}})
	if err != nil || out.Cluster.Configuration != nil {
		t.Fatalf("clear configuration: %+v %v", out.Cluster.Configuration, err)
	}
	if c := describe(t, e.client, "u", types.ClusterFieldConfigurations, types.ClusterFieldSettings); c.Configuration != nil || aws.ToString(c.Settings[0].Value) != "enhanced" {
		t.Errorf("after clear: %+v", c)
	}

	// Errors.
	_, err = e.client.UpdateCluster(ctx, &ecs.UpdateClusterInput{Cluster: aws.String("missing")})
	wantErr[*types.ClusterNotFoundException](t, err)
	_, err = e.client.UpdateCluster(ctx, &ecs.UpdateClusterInput{Cluster: aws.String("u"),
		Configuration: &types.ClusterConfiguration{ExecuteCommandConfiguration: &types.ExecuteCommandConfiguration{Logging: types.ExecuteCommandLoggingOverride}}})
	wantErr[*types.InvalidParameterException](t, err)
	_, err = e.client.UpdateCluster(ctx, &ecs.UpdateClusterInput{Cluster: aws.String("u"),
		Settings: []types.ClusterSetting{{Name: types.ClusterSettingNameContainerInsights, Value: aws.String("maybe")}}})
	wantErr[*types.InvalidParameterException](t, err)
	if _, err := e.client.DeleteCluster(ctx, &ecs.DeleteClusterInput{Cluster: aws.String("u")}); err != nil {
		t.Fatal(err)
	}
	_, err = e.client.UpdateCluster(ctx, &ecs.UpdateClusterInput{Cluster: aws.String("u"), Configuration: &types.ClusterConfiguration{}})
	ipe := asErr[*types.InvalidParameterException](t, err)
	if !strings.Contains(ipe.ErrorMessage(), "inactive") {
		t.Errorf("message %q", ipe.ErrorMessage())
	}
}

func TestUpdateClusterSettings(t *testing.T) {
	e := start(t, sandbox.Options{})
	mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("s")})
	out, err := e.client.UpdateClusterSettings(ctx, &ecs.UpdateClusterSettingsInput{Cluster: aws.String("s"),
		Settings: []types.ClusterSetting{{Name: types.ClusterSettingNameContainerInsights, Value: aws.String("enabled")}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Cluster.Settings) != 1 || aws.ToString(out.Cluster.Settings[0].Value) != "enabled" || out.Cluster.Tags == nil || out.Cluster.Statistics == nil {
		t.Errorf("settings %+v", out.Cluster)
	}
	_, err = e.client.UpdateClusterSettings(ctx, &ecs.UpdateClusterSettingsInput{Cluster: aws.String("s"),
		Settings: []types.ClusterSetting{{Name: "foo", Value: aws.String("enabled")}}})
	wantErr[*types.InvalidParameterException](t, err)
	_, err = e.client.UpdateClusterSettings(ctx, &ecs.UpdateClusterSettingsInput{Cluster: aws.String("none"), Settings: []types.ClusterSetting{}})
	wantErr[*types.ClusterNotFoundException](t, err)
	_, m := post(t, e.http.URL, target+"UpdateClusterSettings", `{"cluster":"s"}`)
	if m["__type"] != "InvalidParameterException" {
		t.Errorf("missing settings: %v", m)
	}
	if _, err := e.client.DeleteCluster(ctx, &ecs.DeleteClusterInput{Cluster: aws.String("s")}); err != nil {
		t.Fatal(err)
	}
	_, err = e.client.UpdateClusterSettings(ctx, &ecs.UpdateClusterSettingsInput{Cluster: aws.String("s"), Settings: []types.ClusterSetting{}})
	wantErr[*types.InvalidParameterException](t, err)
}

// Checklist §9.3.
func TestDeleteCluster(t *testing.T) {
	e := start(t, sandbox.Options{})
	c := mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("d"), Tags: []types.Tag{{Key: aws.String("k"), Value: aws.String("v")}}})

	occupied := []struct {
		o   sandbox.Occupants
		chk func(error)
	}{
		{sandbox.Occupants{ContainerInstances: 1}, func(err error) {
			ex := asErr[*types.ClusterContainsContainerInstancesException](t, err)
			if ex.ErrorMessage() != "The Cluster cannot be deleted while Container Instances are active." {
				t.Errorf("message %q", ex.ErrorMessage())
			}
		}},
		{sandbox.Occupants{ActiveServices: 1}, func(err error) { wantErr[*types.ClusterContainsServicesException](t, err) }},
		{sandbox.Occupants{DrainingServices: 1}, func(err error) { wantErr[*types.ClusterContainsServicesException](t, err) }},
		{sandbox.Occupants{RunningTasks: 1}, func(err error) { wantErr[*types.ClusterContainsTasksException](t, err) }},
		{sandbox.Occupants{PendingTasks: 1}, func(err error) { wantErr[*types.ClusterContainsTasksException](t, err) }},
	}
	for _, tc := range occupied {
		if err := e.srv.SetOccupants("", "us-east-1", aws.ToString(c.ClusterArn), tc.o); err != nil {
			t.Fatal(err)
		}
		_, err := e.client.DeleteCluster(ctx, &ecs.DeleteClusterInput{Cluster: aws.String("d")})
		tc.chk(err)
	}
	if err := e.srv.SetOccupants("", "", "d", sandbox.Occupants{}); err != nil {
		t.Fatal(err)
	}

	out, err := e.client.DeleteCluster(ctx, &ecs.DeleteClusterInput{Cluster: aws.String("d")})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(out.Cluster.Status) != "INACTIVE" {
		t.Errorf("status %s", aws.ToString(out.Cluster.Status))
	}
	// Deleting again during retention returns it again.
	if out, err := e.client.DeleteCluster(ctx, &ecs.DeleteClusterInput{Cluster: aws.String("d")}); err != nil || aws.ToString(out.Cluster.Status) != "INACTIVE" {
		t.Errorf("second delete %v", err)
	}
	list, _ := e.client.ListClusters(ctx, &ecs.ListClustersInput{})
	if len(list.ClusterArns) != 0 {
		t.Errorf("list %v", list.ClusterArns)
	}
	d := describe(t, e.client, "d", types.ClusterFieldTags)
	if aws.ToString(d.Status) != "INACTIVE" || len(d.Tags) != 0 {
		t.Errorf("describe after delete %+v", d)
	}
	_, err = e.client.TagResource(ctx, &ecs.TagResourceInput{ResourceArn: c.ClusterArn, Tags: []types.Tag{{Key: aws.String("a"), Value: aws.String("b")}}})
	ipe := asErr[*types.InvalidParameterException](t, err)
	if ipe.ErrorMessage() != "The specified cluster is inactive. Specify an active cluster and try again." {
		t.Errorf("message %q", ipe.ErrorMessage())
	}
	_, err = e.client.ListTagsForResource(ctx, &ecs.ListTagsForResourceInput{ResourceArn: c.ClusterArn})
	wantErr[*types.InvalidParameterException](t, err)
	_, err = e.client.DeleteCluster(ctx, &ecs.DeleteClusterInput{Cluster: aws.String("bad name!")})
	wantErr[*types.InvalidParameterException](t, err)
	if err := e.srv.SetOccupants("", "", "missing", sandbox.Occupants{}); err == nil {
		t.Error("SetOccupants on a missing cluster succeeded")
	}
}

func TestInactiveRetention(t *testing.T) {
	clock := newFakeClock()
	e := start(t, sandbox.Options{Now: clock.Now, InactiveRetention: time.Minute})
	mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("r")})
	if _, err := e.client.DeleteCluster(ctx, &ecs.DeleteClusterInput{Cluster: aws.String("r")}); err != nil {
		t.Fatal(err)
	}
	clock.Advance(59 * time.Second)
	describe(t, e.client, "r")
	clock.Advance(time.Second)
	out, _ := e.client.DescribeClusters(ctx, &ecs.DescribeClustersInput{Clusters: []string{"r"}})
	if len(out.Clusters) != 0 || len(out.Failures) != 1 {
		t.Errorf("after retention %+v", out)
	}
	_, err := e.client.DeleteCluster(ctx, &ecs.DeleteClusterInput{Cluster: aws.String("r")})
	wantErr[*types.ClusterNotFoundException](t, err)

	// SetLifecycle changes the retention.
	mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("r")})
	if _, err := e.client.DeleteCluster(ctx, &ecs.DeleteClusterInput{Cluster: aws.String("r")}); err != nil {
		t.Fatal(err)
	}
	e.srv.SetLifecycle(0, 0, time.Second)
	clock.Advance(time.Second)
	out, _ = e.client.DescribeClusters(ctx, &ecs.DescribeClustersInput{Clusters: []string{"r"}})
	if len(out.Failures) != 1 {
		t.Errorf("after shortened retention %+v", out)
	}
}

func TestClusterQuota(t *testing.T) {
	e := start(t, sandbox.Options{MaxClusters: 3})
	for i := range 3 {
		mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String(fmt.Sprint("q", i))})
	}
	_, err := e.client.CreateCluster(ctx, &ecs.CreateClusterInput{ClusterName: aws.String("q3")})
	wantErr[*types.ClientException](t, err)
	// Idempotent re-creates still work; deleted clusters free the quota.
	mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("q0")})
	if _, err := e.client.DeleteCluster(ctx, &ecs.DeleteClusterInput{Cluster: aws.String("q0")}); err != nil {
		t.Fatal(err)
	}
	mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("q3")})
}

func TestFailCluster(t *testing.T) {
	e := start(t, sandbox.Options{})
	mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("f")})
	if err := e.srv.FailCluster("", "", "f", "ASG not found"); err != nil {
		t.Fatal(err)
	}
	c := describe(t, e.client, "f", types.ClusterFieldAttachments)
	if aws.ToString(c.Status) != "FAILED" || aws.ToString(c.AttachmentsStatus) != "UPDATE_FAILED" {
		t.Errorf("status %s %s", aws.ToString(c.Status), aws.ToString(c.AttachmentsStatus))
	}
	found := false
	for _, a := range c.Attachments {
		for _, d := range a.Details {
			if aws.ToString(d.Value) == "ASG not found" {
				found = true
			}
		}
	}
	if !found {
		t.Errorf("reason not in attachments %+v", c.Attachments)
	}
	if err := e.srv.FailCluster("", "", "nope", "x"); err == nil {
		t.Error("FailCluster on missing cluster succeeded")
	}
	// A FAILED cluster can be deleted.
	if _, err := e.client.DeleteCluster(ctx, &ecs.DeleteClusterInput{Cluster: aws.String("f")}); err != nil {
		t.Fatal(err)
	}
}
