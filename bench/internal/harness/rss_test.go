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
	peak, n := w.Stop()
	if n != 1 || peak <= 0 {
		t.Fatalf("peak %d from %d processes; want one process with a positive peak", peak, n)
	}
}
