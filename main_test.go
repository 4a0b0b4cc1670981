package main

import "testing"

func TestQuietSDKLogs(t *testing.T) {
	env := func(kv map[string]string) func(string) (string, bool) {
		return func(k string) (string, bool) {
			v, ok := kv[k]
			return v, ok
		}
	}
	tests := []struct {
		name  string
		debug bool
		env   map[string]string
		want  bool
	}{
		{"nothing set", false, nil, true},
		{"unrelated variables", false, map[string]string{"TF_IN_AUTOMATION": "1", "TF_LOG_PATH": "/tmp/x"}, true},
		{"debug mode", true, nil, false},
		{"TF_LOG", false, map[string]string{"TF_LOG": "DEBUG"}, false},
		{"TF_LOG empty but set", false, map[string]string{"TF_LOG": ""}, false},
		{"TF_LOG_PROVIDER", false, map[string]string{"TF_LOG_PROVIDER": "INFO"}, false},
		{"TF_LOG_PROVIDER_ECSX", false, map[string]string{"TF_LOG_PROVIDER_ECSX": "TRACE"}, false},
		{"TF_LOG_SDK", false, map[string]string{"TF_LOG_SDK": "TRACE"}, false},
		{"TF_LOG_SDK_FRAMEWORK", false, map[string]string{"TF_LOG_SDK_FRAMEWORK": "TRACE"}, false},
		{"TF_LOG_SDK_PROTO", false, map[string]string{"TF_LOG_SDK_PROTO": "TRACE"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := quietSDKLogs(tt.debug, env(tt.env)); got != tt.want {
				t.Errorf("quietSDKLogs = %v, want %v", got, tt.want)
			}
		})
	}
}
