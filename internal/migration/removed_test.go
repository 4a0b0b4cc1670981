package migration

import (
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
)

// TestRemovedAndImport brings an aws_ecs_cluster of hashicorp/aws to
// ecsx_cluster the ways the migration guide gives for CLIs that cannot move
// it (or for any source a move refuses): removed and import blocks (Terraform
// >= 1.7, OpenTofu >= 1.10 with the removed block's lifecycle), and state rm
// followed by an import block (Terraform 1.5, OpenTofu 1.6). The cluster is
// neither replaced nor changed, the hashicorp/aws resource leaves the state,
// and the plan after the apply is empty.
func TestRemovedAndImport(t *testing.T) {
	if testing.Short() {
		t.Skip("CLI test: skipped with -short")
	}
	for _, c := range []struct {
		label   string
		find    func(*testing.T) CLI
		stateRm bool
	}{
		{"terraform-1.5", func(t *testing.T) CLI { return pinnedCLI(t, "terraform") }, true},
		{"tofu-1.6", func(t *testing.T) CLI { return pinnedCLI(t, "tofu") }, true},
		{"terraform-newest", func(t *testing.T) CLI { return newestTerraform(t, 7) }, false},
		{"tofu-newest", func(t *testing.T) CLI { return newestTofu(t, 10) }, false},
	} {
		t.Run(c.label, func(t *testing.T) { testRemovedAndImport(t, c.find(t), c.stateRm) })
	}
}

func testRemovedAndImport(t *testing.T, cli CLI, stateRm bool) {
	sb, endpoint, client := startSandbox(t)
	name := "removed-web"
	out, err := client.CreateCluster(t.Context(), &ecs.CreateClusterInput{
		ClusterName: aws.String(name),
		Tags:        []ecstypes.Tag{{Key: aws.String("team"), Value: aws.String("platform")}},
		Settings:    []ecstypes.ClusterSetting{{Name: ecstypes.ClusterSettingNameContainerInsights, Value: aws.String("enhanced")}},
		Configuration: &ecstypes.ClusterConfiguration{ExecuteCommandConfiguration: &ecstypes.ExecuteCommandConfiguration{
			Logging: ecstypes.ExecuteCommandLoggingOverride,
			LogConfiguration: &ecstypes.ExecuteCommandLogConfiguration{
				S3BucketName: aws.String("audit-logs"), S3EncryptionEnabled: true, S3KeyPrefix: aws.String("exec/"),
			},
		}},
	})
	mustECS(t, err)
	arn := aws.ToString(out.Cluster.ClusterArn)

	w := newWorkspace(t, cli)
	w.write("terraform.tfstate", awsState(cli, arn, name))
	config := providerBlock(endpoint, `    aws = { source = "hashicorp/aws" }`) +
		fmt.Sprintf("\nresource \"ecsx_cluster\" \"web\" {%s}\n", fmt.Sprintf(awsClusterConfig, name)) +
		fmt.Sprintf("\nimport {\n  to = ecsx_cluster.web\n  id = %q\n}\n", name)
	if !stateRm {
		config += `
removed {
  from = aws_ecs_cluster.web

  lifecycle {
    destroy = false
  }
}
`
	}
	w.write("main.tf", config)
	w.mustRun("init", "-input=false", "-no-color")
	if stateRm {
		w.mustRun("state", "rm", "-no-color", "aws_ecs_cluster.web")
	}
	sb.ResetStats()
	plan, code := w.run("plan", "-input=false", "-no-color", "-out=import.tfplan")
	if code != 0 {
		t.Fatalf("plan with the import block failed:\n%s", plan)
	}
	expectClusterTakenOver(t, w, sb, client, plan, "import.tfplan", arn, "import")
}
