package main

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// The release recipe builds ecsx-sandbox for the provider's platforms,
// stamps its version as it does the provider's, and archives it apart.
func TestReleaseShipsSandbox(t *testing.T) {
	b, err := os.ReadFile("../../.goreleaser.yml")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	builds := map[string]string{}
	section := func(name string) string {
		start := strings.Index(text, "\n"+name+":\n")
		if start < 0 {
			t.Fatalf(".goreleaser.yml has no %s", name)
		}
		rest := text[start+len(name)+2:]
		if end := regexp.MustCompile(`\n\S`).FindStringIndex(rest); end != nil {
			rest = rest[:end[0]]
		}
		return rest
	}
	for _, item := range strings.Split(section("builds"), "\n  - ")[1:] {
		id := regexp.MustCompile(`^id: (\S+)`).FindStringSubmatch(item)
		if id == nil {
			t.Fatalf("a build without an id:\n%s", item)
		}
		builds[id[1]] = item
	}
	provider, sandbox := builds["provider"], builds["sandbox"]
	if provider == "" || sandbox == "" {
		t.Fatalf("want builds provider and sandbox, got %v", builds)
	}
	if !strings.Contains(sandbox, "main: ./cmd/ecsx-sandbox") || !strings.Contains(sandbox, "binary: ecsx-sandbox") {
		t.Errorf("the sandbox build does not build ./cmd/ecsx-sandbox as ecsx-sandbox:\n%s", sandbox)
	}
	// Everything from the environment to the platforms is the same.
	platforms := func(build string) string {
		i := strings.Index(build, "env:")
		j := strings.Index(build, "binary:")
		if i < 0 || j < i {
			t.Fatalf("unexpected build:\n%s", build)
		}
		return build[i:j]
	}
	if platforms(provider) != platforms(sandbox) {
		t.Errorf("the sandbox is built differently from the provider:\nprovider:\n%s\nsandbox:\n%s", platforms(provider), platforms(sandbox))
	}
	if !strings.Contains(sandbox, `-X main.version={{ .Version }}`) {
		t.Errorf("the sandbox build does not stamp main.version")
	}
	archives := section("archives")
	if !regexp.MustCompile(`(?s)- id: sandbox\s+ids: \[sandbox\].*name_template: "ecsx-sandbox_\{\{ \.Version \}\}_\{\{ \.Os \}\}_\{\{ \.Arch \}\}"`).MatchString(archives) ||
		!regexp.MustCompile(`- id: provider\s+ids: \[provider\]`).MatchString(archives) {
		t.Errorf("want one archive of the provider's build and one of the sandbox's, named ecsx-sandbox_VERSION_OS_ARCH:\n%s", archives)
	}
}
