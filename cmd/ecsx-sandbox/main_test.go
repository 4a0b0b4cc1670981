package main

import (
	"bufio"
	"context"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
)

// startProgram runs the program in-process and returns its endpoint URL and
// a function that stops it and returns run's error.
func startProgram(t *testing.T, args ...string) (string, func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		err := run(ctx, append([]string{"-addr", "127.0.0.1:0", "-save-interval", "10ms"}, args...), pw, io.Discard)
		pw.Close()
		done <- err
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		cancel()
		t.Fatalf("no ready line: %v (run: %v)", err, <-done)
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	url, ok := strings.CutPrefix(strings.TrimSpace(line), "ecsx-sandbox listening on ")
	if !ok || !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Fatalf("ready line %q", line)
	}
	var stopped bool
	stop := func() error {
		if stopped {
			return nil
		}
		stopped = true
		cancel()
		return <-done
	}
	t.Cleanup(func() { _ = stop() })
	return url, stop
}

func client(url string) *ecs.Client {
	return ecs.NewFromConfig(aws.Config{Region: "us-east-1", BaseEndpoint: aws.String(url), RetryMaxAttempts: 1,
		Credentials: credentials.NewStaticCredentialsProvider("AKID", "SECRET", "")})
}

func TestStateSurvivesRestart(t *testing.T) {
	state := filepath.Join(t.TempDir(), "state.json")
	url, stop := startProgram(t, "-state", state, "-account", "210987654321")
	ctx := context.Background()
	if _, err := client(url).CreateCluster(ctx, &ecs.CreateClusterInput{ClusterName: aws.String("kept")}); err != nil {
		t.Fatal(err)
	}
	if err := stop(); err != nil {
		t.Fatalf("stop: %v", err)
	}
	if _, err := os.Stat(state); err != nil {
		t.Fatalf("state not saved: %v", err)
	}
	url, _ = startProgram(t, "-state", state, "-account", "210987654321")
	out, err := client(url).ListClusters(ctx, &ecs.ListClustersInput{})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.ClusterArns) != 1 || out.ClusterArns[0] != "arn:aws:ecs:us-east-1:210987654321:cluster/kept" {
		t.Errorf("after restart %v", out.ClusterArns)
	}
	// No temporary files are left behind.
	entries, _ := os.ReadDir(filepath.Dir(state))
	if len(entries) != 1 {
		t.Errorf("files %v", entries)
	}
}

func TestCorruptStateRefused(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"empty":     "",
		"torn":      `{"format":"ecsx-sandbox-state","version":1,"stores":[{"account":"1","reg`,
		"garbage":   "\x00\x01not json",
		"wrong doc": `{"hello":"world"}`,
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name)
			if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
				t.Fatal(err)
			}
			var stderr strings.Builder
			err := run(context.Background(), []string{"-addr", "127.0.0.1:0", "-state", path}, io.Discard, &stderr)
			if err == nil || !strings.Contains(err.Error(), "cannot load state") {
				t.Fatalf("got %v", err)
			}
		})
	}
}

func TestFlagValidation(t *testing.T) {
	for _, args := range [][]string{
		{"-addr", "0.0.0.0:4599"},
		{"-addr", ":4599"},
		{"-addr", "example.com:4599"},
		{"-container-insights", "on"},
		{"-cluster-scoped-delete-error", "Nope"},
		{"-access-key", "A"},
		{"-provision-delay", "-1s"},
		{"-latency", "-5ms"},
		{"-service-drain-delay", "-1s"},
		{"-stopped-task-retention", "0s"},
		{"extra"},
	} {
		if _, err := parseFlags(args, io.Discard); err == nil {
			t.Errorf("%v accepted", args)
		}
	}
	for _, args := range [][]string{
		{"-addr", "localhost:0"},
		{"-addr", "[::1]:0"},
		{"-addr", "0.0.0.0:0", "-allow-remote"},
		{"-access-key", "A", "-secret-key", "B", "-provision-delay", "2s", "-cluster-scoped-delete-error", "ClusterContainsCapacityProviderException"},
	} {
		if _, err := parseFlags(args, io.Discard); err != nil {
			t.Errorf("%v refused: %v", args, err)
		}
	}
}

func TestSignedMode(t *testing.T) {
	url, _ := startProgram(t, "-access-key", "AKID", "-secret-key", "SECRET", "-provision-delay", "1ms")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := client(url).ListClusters(ctx, &ecs.ListClustersInput{}); err != nil {
		t.Fatal(err)
	}
	bad := ecs.NewFromConfig(aws.Config{Region: "us-east-1", BaseEndpoint: aws.String(url), RetryMaxAttempts: 1,
		Credentials: credentials.NewStaticCredentialsProvider("AKID", "WRONG", "")})
	if _, err := bad.ListClusters(ctx, &ecs.ListClustersInput{}); err == nil || !strings.Contains(err.Error(), "InvalidSignatureException") {
		t.Errorf("bad signature: %v", err)
	}
}

// TestECSLimitsFlags: -ecs-limits and -latency reach the server, which then
// throttles the 21st cluster modification of a burst.
func TestECSLimitsFlags(t *testing.T) {
	if c, err := parseFlags(nil, io.Discard); err != nil || c.opts.ECSLimits || c.opts.Latency != 0 {
		t.Fatalf("defaults: %+v %v", c.opts, err)
	}
	url, _ := startProgram(t, "-ecs-limits", "-latency", "20ms")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c := client(url)
	t0 := time.Now()
	for i := range 20 {
		if _, err := c.DeleteCluster(ctx, &ecs.DeleteClusterInput{Cluster: aws.String("absent")}); err == nil ||
			!strings.Contains(err.Error(), "ClusterNotFoundException") {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	if d := time.Since(t0); d < 20*20*time.Millisecond {
		t.Errorf("20 calls took %v with -latency 20ms", d)
	}
	_, err := c.CreateCluster(ctx, &ecs.CreateClusterInput{ClusterName: aws.String("late")})
	if err == nil || !strings.Contains(err.Error(), "ThrottlingException") {
		t.Fatalf("21st cluster modification: %v", err)
	}
}

// TestDefaultAddressIsLoopback: without -addr the sandbox listens on the
// loopback interface only.
func TestDefaultAddressIsLoopback(t *testing.T) {
	c, err := parseFlags(nil, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	host, _, err := net.SplitHostPort(c.addr)
	if err != nil {
		t.Fatal(err)
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		t.Fatalf("default address %q is not a loopback address", c.addr)
	}
	if c.allowRemote {
		t.Fatal("-allow-remote is on by default")
	}
}

// TestWorkloadFlags: -service-drain-delay and -stopped-task-retention reach
// the server: a deleted service stays DRAINING and blocks DeleteCluster
// until the delay has passed.
func TestWorkloadFlags(t *testing.T) {
	c, err := parseFlags(nil, io.Discard)
	if err != nil || c.opts.ServiceDrainDelay != 0 || c.opts.StoppedTaskRetention != time.Hour {
		t.Fatalf("defaults: drain %v retention %v (%v)", c.opts.ServiceDrainDelay, c.opts.StoppedTaskRetention, err)
	}
	c, err = parseFlags([]string{"-service-drain-delay", "300ms", "-stopped-task-retention", "2m"}, io.Discard)
	if err != nil || c.opts.ServiceDrainDelay != 300*time.Millisecond || c.opts.StoppedTaskRetention != 2*time.Minute {
		t.Fatalf("parsed: drain %v retention %v (%v)", c.opts.ServiceDrainDelay, c.opts.StoppedTaskRetention, err)
	}
	url, _ := startProgram(t, "-service-drain-delay", "300ms")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cl := client(url)
	if _, err := cl.CreateCluster(ctx, &ecs.CreateClusterInput{ClusterName: aws.String("w")}); err != nil {
		t.Fatal(err)
	}
	if _, err := cl.CreateService(ctx, &ecs.CreateServiceInput{Cluster: aws.String("w"), ServiceName: aws.String("s"),
		TaskDefinition: aws.String("web:1"), DesiredCount: aws.Int32(0), LaunchType: "FARGATE"}); err != nil {
		t.Fatal(err)
	}
	out, err := cl.DeleteService(ctx, &ecs.DeleteServiceInput{Cluster: aws.String("w"), Service: aws.String("s")})
	if err != nil || aws.ToString(out.Service.Status) != "DRAINING" {
		t.Fatalf("DeleteService: %v %v", out, err)
	}
	if _, err := cl.DeleteCluster(ctx, &ecs.DeleteClusterInput{Cluster: aws.String("w")}); err == nil ||
		!strings.Contains(err.Error(), "ClusterContainsServicesException") {
		t.Fatalf("DeleteCluster while DRAINING: %v", err)
	}
	time.Sleep(350 * time.Millisecond)
	if _, err := cl.DeleteCluster(ctx, &ecs.DeleteClusterInput{Cluster: aws.String("w")}); err != nil {
		t.Fatalf("DeleteCluster after the drain delay: %v", err)
	}
}
