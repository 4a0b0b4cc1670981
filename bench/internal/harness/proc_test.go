package harness

import (
	"os"
	"os/exec"
	"testing"
	"time"
)

const statusSample = `Name:	terraform-provi
Umask:	0022
State:	S (sleeping)
Tgid:	4242
Pid:	4242
PPid:	4100
VmPeak:	 1290128 kB
VmSize:	 1290128 kB
VmHWM:	   31744 kB
VmRSS:	   29852 kB
RssAnon:	   12000 kB
Threads:	9
`

func TestStatusBytes(t *testing.T) {
	cases := []struct {
		field string
		want  int64
		ok    bool
	}{
		{"VmHWM", 31744 * 1024, true},
		{"VmRSS", 29852 * 1024, true},
		{"VmSwap", 0, false},
		{"Threads", 0, false}, // not a kB field
		{"Vm", 0, false},
	}
	for _, c := range cases {
		got, ok := StatusBytes([]byte(statusSample), c.field)
		if got != c.want || ok != c.ok {
			t.Errorf("StatusBytes(%q) = %d, %v; want %d, %v", c.field, got, ok, c.want, c.ok)
		}
	}
}

func TestStatParent(t *testing.T) {
	cases := []struct {
		in   string
		want int
		ok   bool
	}{
		{"4242 (terraform-provi) S 4100 4242 4100 0 -1", 4100, true},
		{"77 (a (b) c) R 1 77 77 0", 1, true},
		{"77 (x) R", 0, false},
		{"garbage", 0, false},
	}
	for _, c := range cases {
		got, ok := StatParent([]byte(c.in))
		if got != c.want || ok != c.ok {
			t.Errorf("StatParent(%q) = %d, %v; want %d, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestStatCPU(t *testing.T) {
	stat := "4242 (terraform-provi) S 4100 4242 4100 0 -1 4194560 5000 0 0 0 150 25 0 0 20 0 9 0 123 1290128000 7463"
	got, ok := StatCPU([]byte(stat))
	if !ok || got != 1750*time.Millisecond {
		t.Errorf("StatCPU = %v, %v; want 1.75s", got, ok)
	}
	if _, ok := StatCPU([]byte("1 (x) S 0 1")); ok {
		t.Error("StatCPU accepted a short line")
	}
}

func TestWatchChildren(t *testing.T) {
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("no /proc")
	}
	sleep, err := exec.LookPath("sleep")
	if err != nil {
		t.Skip("no sleep")
	}
	w := WatchChildren(os.Getpid(), "sleep", 5*time.Millisecond)
	cmd := exec.Command(sleep, "0.2")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	u := w.Stop()
	if u.Processes != 1 || u.PeakRSS <= 0 {
		t.Fatalf("%+v; want one process with a positive peak", u)
	}
}
