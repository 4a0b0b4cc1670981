package guides

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ecs"

	"github.com/ecsx/terraform-provider-ecsx/internal/acctest"
	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

// The HCP Terraform guide's "Trying it locally" walkthrough, as written in
// docs/guides/hcp-terraform.md: its shell commands (role, token, shared
// config file, TF_VAR_), its main.tf and its terraform commands, against a
// sandbox listening where the guide says (the port replaced by the test's).
// Then the guide's claim about the guard: another account in
// allowed_account_ids stops the plan with "AWS account not allowed" before
// any ECS call.
func TestGuide_hcpTerraformWalkthrough(t *testing.T) {
	skipShort(t)
	sb := sandbox.New(sandbox.Options{})
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	hostPort := strings.TrimPrefix(srv.URL, "http://")
	local := func(s string) string {
		return strings.NewReplacer("localhost:4599", hostPort, "127.0.0.1:4599", hostPort).Replace(s)
	}

	walk := blocks(section(t, readDoc(t, "docs/guides/hcp-terraform.md"), "## Trying it locally"))
	setup, commands := only(t, walk, "shell", 2)[0].body, only(t, walk, "shell", 2)[1].body
	config := only(t, walk, "terraform", 1)[0].body
	for _, want := range []string{"required_providers", `source = "ecsx/ecsx"`, "127.0.0.1:4599"} {
		if !strings.Contains(config, want) {
			t.Fatalf("the walkthrough's configuration has no %s:\n%s", want, config)
		}
	}

	sh := newShell(t, acctest.PinnedTerraform(t))
	sh.write("main.tf", local(config))
	out, code := sh.run(local(setup) + "\n" + commands)
	if code != 0 {
		t.Fatalf("the walkthrough failed (exit %d):\n%s", code, out)
	}
	stats := sb.Stats().Calls
	for op, want := range map[string]int{"CreateCluster": 1, "DeleteCluster": 1} {
		if stats[op] != want {
			t.Errorf("%s calls = %d, want %d (stats %v)", op, stats[op], want, stats)
		}
	}
	for _, op := range []string{"sts:AssumeRoleWithWebIdentity", "sts:GetCallerIdentity"} {
		if stats[op] == 0 {
			t.Errorf("no %s call: the run did not use the role session and the guard (stats %v)", op, stats)
		}
	}
	// The cluster was created in the role's account and region, then
	// deleted (deleted clusters stay describable as INACTIVE).
	client := ecs.New(ecs.Options{Region: "eu-west-1", BaseEndpoint: aws.String(srv.URL),
		Credentials: credentials.NewStaticCredentialsProvider("any", "any", "")})
	desc, err := client.DescribeClusters(t.Context(), &ecs.DescribeClustersInput{Clusters: []string{"prod"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(desc.Clusters) != 1 || aws.ToString(desc.Clusters[0].ClusterArn) != "arn:aws:ecs:eu-west-1:123456789012:cluster/prod" ||
		aws.ToString(desc.Clusters[0].Status) != "INACTIVE" {
		t.Errorf("after apply and destroy, DescribeClusters prod = %+v", desc.Clusters)
	}

	// The guard: another account stops the plan before any ECS call.
	other := strings.Replace(config, `allowed_account_ids = ["123456789012"]`, `allowed_account_ids = ["210987654321"]`, 1)
	if other == config {
		t.Fatal(`the walkthrough's configuration has no allowed_account_ids = ["123456789012"]`)
	}
	sh.write("main.tf", local(other))
	before := sb.ECSCalls()
	out, code = sh.run(local(setup) + "\nterraform plan -no-color")
	if code == 0 || !strings.Contains(out, "AWS account not allowed") {
		t.Errorf("plan with another account: exit %d, want the account guard's error:\n%s", code, out)
	}
	if n := sb.ECSCalls() - before; n != 0 {
		t.Errorf("the refused plan made %d ECS calls, want 0", n)
	}
}
