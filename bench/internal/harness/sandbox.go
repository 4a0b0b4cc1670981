package harness

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os/exec"
	"regexp"
	"strings"
	"syscall"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
)

// Stats is the sandbox's counter snapshot from GET /_sandbox/stats.
type Stats struct {
	Calls          map[string]int64 `json:"calls"`
	Throttled      int64            `json:"throttled"`
	ThrottledCalls map[string]int64 `json:"throttledCalls"`
	Failed         int64            `json:"failed"`
	Dropped        int64            `json:"dropped"`
}

// DecodeStats parses the body of GET /_sandbox/stats.
func DecodeStats(r io.Reader) (Stats, error) {
	var s Stats
	if err := json.NewDecoder(r).Decode(&s); err != nil {
		return Stats{}, fmt.Errorf("decoding sandbox stats: %w", err)
	}
	if s.Calls == nil {
		s.Calls = map[string]int64{}
	}
	return s, nil
}

// Total is the number of ECS API calls of all operations. The STS calls
// (counted as "sts:<Action>": the provider's one sts:GetCallerIdentity per
// Terraform command, which validates its credentials) are left out.
func (s Stats) Total() int64 {
	var t int64
	for op, n := range s.Calls {
		if !strings.HasPrefix(op, "sts:") {
			t += n
		}
	}
	return t
}

// Fault is the body of POST /_sandbox/faults. An empty Operation applies to
// every operation.
type Fault struct {
	Operation string `json:"operation"`
	LatencyMs int    `json:"latencyMs,omitempty"`
	RateLimit int    `json:"rateLimit,omitempty"`
	Burst     int    `json:"burst,omitempty"`
}

// Sandbox is a running bin/ecsx-sandbox process and a client of its admin API.
type Sandbox struct {
	URL  string
	cmd  *exec.Cmd
	http *http.Client
	ecs  *ecs.Client
}

var urlPattern = regexp.MustCompile(`http://127\.0\.0\.1:[0-9]+`)

// StartSandbox runs the sandbox binary on a free loopback port and waits for
// the line that announces its URL.
func StartSandbox(bin string) (*Sandbox, error) {
	cmd := exec.Command(bin, "-addr", "127.0.0.1:0")
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if u := urlPattern.FindString(sc.Text()); u != "" {
				found <- u
				break
			}
		}
		_, _ = io.Copy(io.Discard, out) // keep the pipe drained
	}()
	select {
	case u := <-found:
		s := &Sandbox{URL: u, cmd: cmd, http: &http.Client{Timeout: 30 * time.Second}}
		s.ecs = ecs.New(ecs.Options{
			Region:       "us-east-1",
			BaseEndpoint: aws.String(u),
			Credentials:  credentials.NewStaticCredentialsProvider("bench", "bench", ""),
		})
		return s, nil
	case <-time.After(30 * time.Second):
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		return nil, fmt.Errorf("%s did not print its URL within 30s", bin)
	}
}

// CPU returns the CPU time the sandbox process has used so far.
func (s *Sandbox) CPU() (time.Duration, bool) { return ProcessCPU(s.cmd.Process.Pid) }

// Stop sends SIGTERM and waits for the process.
func (s *Sandbox) Stop() {
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		_ = s.cmd.Process.Kill()
		<-done
	}
}

func (s *Sandbox) post(path string, body any) error {
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		r = bytes.NewReader(b)
	}
	resp, err := s.http.Post(s.URL+path, "application/json", r)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		return fmt.Errorf("POST %s: %s: %s", path, resp.Status, bytes.TrimSpace(msg))
	}
	return nil
}

// Reset drops all sandbox state, faults and counters.
func (s *Sandbox) Reset() error { return s.post("/_sandbox/reset", nil) }

// ResetStats zeroes the call counters.
func (s *Sandbox) ResetStats() error { return s.post("/_sandbox/stats/reset", nil) }

// SetFault installs a fault.
func (s *Sandbox) SetFault(f Fault) error { return s.post("/_sandbox/faults", f) }

// SetLimits switches Amazon ECS's request throttling (the buckets of
// internal/ecslimits) on or off and sets the latency added to every call.
// The buckets start full each time they are switched on.
func (s *Sandbox) SetLimits(enabled bool, latency time.Duration) error {
	return s.post("/_sandbox/limits", map[string]any{"enabled": enabled, "latencyMs": latency.Milliseconds()})
}

// RefillLimits fills every bucket again, keeping the limits on and the
// latency as it is.
func (s *Sandbox) RefillLimits() error {
	if err := s.post("/_sandbox/limits", map[string]any{"enabled": false}); err != nil {
		return err
	}
	return s.post("/_sandbox/limits", map[string]any{"enabled": true})
}

// Stats reads the call counters.
func (s *Sandbox) Stats() (Stats, error) {
	resp, err := s.http.Get(s.URL + "/_sandbox/stats")
	if err != nil {
		return Stats{}, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return Stats{}, fmt.Errorf("GET /_sandbox/stats: %s", resp.Status)
	}
	return DecodeStats(resp.Body)
}

// LiveClusters counts the clusters that exist and are not INACTIVE, through
// the ECS API itself (so it adds calls to the counters: read Stats first).
func (s *Sandbox) LiveClusters(ctx context.Context) (int, error) {
	var arns []string
	p := ecs.NewListClustersPaginator(s.ecs, &ecs.ListClustersInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return 0, err
		}
		arns = append(arns, page.ClusterArns...)
	}
	live := 0
	for len(arns) > 0 {
		batch := arns[:min(100, len(arns))]
		arns = arns[len(batch):]
		out, err := s.ecs.DescribeClusters(ctx, &ecs.DescribeClustersInput{Clusters: batch})
		if err != nil {
			return 0, err
		}
		for _, c := range out.Clusters {
			if aws.ToString(c.Status) != "INACTIVE" {
				live++
			}
		}
	}
	return live, nil
}
