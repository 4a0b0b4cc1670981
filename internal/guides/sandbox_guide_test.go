package guides

import (
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/ecsx/terraform-provider-ecsx/internal/acctest"
)

// The guide "Testing your modules offline with ecsx-sandbox", as written,
// against the ecsx-sandbox program (its port replaced by the test's): the
// configuration of "Pointing the provider at it" applies; the admin API
// commands of "Putting services, tasks and instances into it" give the
// cluster the counts the guide states, as the provider reads them; and,
// where the AWS CLI is installed, its create-service and run-task commands
// add a service and three tasks.
func TestGuide_sandbox(t *testing.T) {
	skipShort(t)
	url := startSandboxProgram(t)
	hostPort := strings.TrimPrefix(url, "http://")
	local := func(s string) string {
		return strings.NewReplacer("localhost:4599", hostPort, "127.0.0.1:4599", hostPort).Replace(s)
	}
	guide := readDoc(t, "docs/guides/testing-with-ecsx-sandbox.md")
	config := only(t, blocks(section(t, guide, "## Pointing the provider at it")), "terraform", 1)[0].body
	shells := only(t, blocks(section(t, guide, "## Putting services, tasks and instances into it")), "shell", 2)

	sh := newShell(t, acctest.PinnedTerraform(t))
	sh.write("main.tf", local(config))
	if out, code := sh.run("terraform init -no-color\nterraform apply -auto-approve -no-color"); code != 0 {
		t.Fatalf("the guide's configuration does not apply (exit %d):\n%s", code, out)
	}
	if out, code := sh.run(local(shells[0].body)); code != 0 {
		t.Fatalf("the guide's admin API commands failed (exit %d):\n%s", code, out)
	}
	out, code := sh.run("terraform apply -refresh-only -auto-approve -no-color >/dev/null\nterraform state show -no-color ecsx_cluster.web")
	if code != 0 {
		t.Fatalf("refresh (exit %d):\n%s", code, out)
	}
	for _, claim := range []string{"registered_container_instances_count = 2", "active_services_count = 1", "running_tasks_count = 2"} {
		if !strings.Contains(guide, "`"+claim+"`") {
			t.Errorf("the guide no longer says %s", claim)
		}
		name, value, _ := strings.Cut(claim, " = ")
		if !regexp.MustCompile(`(?m)^\s*` + name + `\s+= ` + value + `$`).MatchString(out) {
			t.Errorf("after the admin API commands the state has no %q:\n%s", claim, out)
		}
	}

	if _, err := exec.LookPath("aws"); err != nil {
		t.Logf("the AWS CLI is not installed: the create-service and run-task commands were not run")
		return
	}
	if out, code := sh.run(local(shells[1].body)); code != 0 {
		t.Fatalf("the guide's AWS CLI commands failed (exit %d):\n%s", code, out)
	}
	client := ecs.New(ecs.Options{Region: "us-east-1", BaseEndpoint: aws.String(url),
		Credentials: credentials.NewStaticCredentialsProvider("test", "test", "")})
	desc, err := client.DescribeClusters(t.Context(), &ecs.DescribeClustersInput{Clusters: []string{"web"}})
	if err != nil {
		t.Fatal(err)
	}
	// The occupants (1 service, 2 tasks), the service api (2 tasks) and the
	// task of run-task.
	if len(desc.Clusters) != 1 || desc.Clusters[0].ActiveServicesCount != 2 || desc.Clusters[0].RunningTasksCount != 5 {
		t.Errorf("after the AWS CLI commands, cluster web = %+v", desc.Clusters)
	}
}
