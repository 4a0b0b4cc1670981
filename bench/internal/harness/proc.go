package harness

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"
)

// StatusBytes returns the value of a kB field such as "VmHWM" in the text of
// /proc/<pid>/status, in bytes.
func StatusBytes(status []byte, field string) (int64, bool) {
	for line := range bytes.Lines(status) {
		name, rest, ok := bytes.Cut(line, []byte(":"))
		if !ok || string(name) != field {
			continue
		}
		f := bytes.Fields(rest)
		if len(f) != 2 || !bytes.Equal(f[1], []byte("kB")) {
			return 0, false
		}
		v, err := strconv.ParseInt(string(f[0]), 10, 64)
		if err != nil {
			return 0, false
		}
		return v * 1024, true
	}
	return 0, false
}

// StatParent returns the parent pid from the text of /proc/<pid>/stat. The
// command name in parentheses may itself hold spaces and parentheses, so the
// fields are counted from the last ')'.
func StatParent(stat []byte) (int, bool) {
	i := bytes.LastIndexByte(stat, ')')
	if i < 0 {
		return 0, false
	}
	f := bytes.Fields(stat[i+1:])
	if len(f) < 2 {
		return 0, false
	}
	ppid, err := strconv.Atoi(string(f[1]))
	return ppid, err == nil
}

// clockTicks is USER_HZ, the unit of the times in /proc/<pid>/stat; it is
// 100 on every Linux architecture Go supports.
const clockTicks = 100

// StatCPU returns the user plus system CPU time from the text of
// /proc/<pid>/stat (fields 14 and 15).
func StatCPU(stat []byte) (time.Duration, bool) {
	i := bytes.LastIndexByte(stat, ')')
	if i < 0 {
		return 0, false
	}
	f := bytes.Fields(stat[i+1:])
	if len(f) < 13 {
		return 0, false
	}
	u, err1 := strconv.ParseInt(string(f[11]), 10, 64)
	s, err2 := strconv.ParseInt(string(f[12]), 10, 64)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return time.Duration(u+s) * time.Second / clockTicks, true
}

// ProcessCPU returns the CPU time a running process has used so far.
func ProcessCPU(pid int) (time.Duration, bool) {
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0, false
	}
	return StatCPU(stat)
}

// Usage is what an ChildWatcher saw.
type Usage struct {
	PeakRSS   int64         // largest VmHWM, bytes
	Processes int           // matching processes seen
	CPU       time.Duration // their user plus system time, as last polled
}

// ChildWatcher polls the peak resident set size (VmHWM) and CPU time of every
// child of one process whose executable has a given base name. A provider is
// started several times during one Terraform command; the watcher keeps the
// largest peak and adds up the CPU time.
type ChildWatcher struct {
	parent int
	name   string
	every  time.Duration
	stop   chan struct{}
	done   chan struct{}

	mu    sync.Mutex
	peak  int64
	cpu   map[int]time.Duration
	procs map[int]bool // children that run the named executable
	other map[int]bool // processes known not to be of interest
}

// WatchChildren starts polling. Stop returns the result.
func WatchChildren(parent int, name string, every time.Duration) *ChildWatcher {
	w := &ChildWatcher{
		parent: parent, name: name, every: every,
		stop: make(chan struct{}), done: make(chan struct{}),
		cpu: map[int]time.Duration{}, procs: map[int]bool{}, other: map[int]bool{},
	}
	go w.loop()
	return w
}

func (w *ChildWatcher) loop() {
	defer close(w.done)
	t := time.NewTicker(w.every)
	defer t.Stop()
	for {
		w.poll()
		select {
		case <-w.stop:
			return
		case <-t.C:
		}
	}
}

// Stop ends polling and returns what was seen.
func (w *ChildWatcher) Stop() Usage {
	close(w.stop)
	<-w.done
	w.mu.Lock()
	defer w.mu.Unlock()
	u := Usage{PeakRSS: w.peak, Processes: len(w.procs)}
	for _, c := range w.cpu {
		u.CPU += c
	}
	return u
}

func (w *ChildWatcher) poll() {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return
	}
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || w.other[pid] || w.procs[pid] {
			continue
		}
		stat, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		ppid, ok := StatParent(stat)
		if !ok || ppid != w.parent {
			w.other[pid] = true
			continue
		}
		// A child between fork and exec still runs the parent's image:
		// look again on the next poll rather than rule it out.
		exe, err := os.Readlink("/proc/" + e.Name() + "/exe")
		if err == nil && filepath.Base(exe) == w.name {
			w.procs[pid] = true
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	for pid := range w.procs {
		dir := "/proc/" + strconv.Itoa(pid)
		if status, err := os.ReadFile(dir + "/status"); err == nil {
			if v, ok := StatusBytes(status, "VmHWM"); ok {
				w.peak = max(w.peak, v)
			}
		}
		if stat, err := os.ReadFile(dir + "/stat"); err == nil {
			if c, ok := StatCPU(stat); ok {
				w.cpu[pid] = c
			}
		}
	}
}
