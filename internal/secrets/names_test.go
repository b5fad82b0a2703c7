package secrets

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestWords(t *testing.T) {
	tests := []struct {
		name string
		want []string
	}{
		{"gitlabToken", []string{"gitlab", "token"}},
		{"AWSSecretKey", []string{"aws", "secret", "key"}},
		{"OTRS_PW", []string{"otrs", "pw"}},
		{"APIKEY", []string{"apikey"}},
		{"apiKey", []string{"api", "key"}},
		{"db-password.v2 x", []string{"db", "password", "v2", "x"}},
		{"__token__", []string{"token"}},
		{"S3Bucket", []string{"s3", "bucket"}},
		{"v2Token", []string{"v2", "token"}},
		{"HTTPServer", []string{"http", "server"}},
		{"CI_REGISTRY_PASSWORD", []string{"ci", "registry", "password"}},
		{"ÜberSecret", []string{"über", "secret"}},
		{"", nil},
		{"__--..", nil},
	}
	for _, tt := range tests {
		if got := Words(tt.name); !slices.Equal(got, tt.want) {
			t.Errorf("Words(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// secretNames and notSecretNames are shared with the prefilter tests.
var secretNames = []string{
	// RULES.md examples and the brief's list.
	"DB_PASSWORD", "gitlabToken", "OTRS_PW", "AWS_SECRET_ACCESS_KEY", "api_key", "apiKey",
	"APIKEY", "authtoken", "client_secret", "private_key", "key", "password", "token",
	"credentials",
	// More.
	"passwd", "pwd", "DB_PASS", "ssh_passphrase", "SECRET", "credential", "ApiKey",
	"access-key", "AwsAccessKey", "secret.key", "AUTH_KEY", "clientSecret", "privateKey",
	"KEY", "DB_PASSWORD_2", "token2", "dbpassword", "accesstoken", "vault.token",
	"SMTP_PW", "x-api-key", "GITLAB_TOKEN", "CI_JOB_TOKEN",
}

var notSecretNames = []string{
	// RULES.md examples and the brief's list.
	"AWS_ACCESS_KEY_ID", "PRIMARY_KEY", "PASSWORD_ENV", "token_url", "TOKEN_URL",
	"PASSWORD_MIN_LENGTH", "MAX_KEYS", "PASSWORD_KEYS", "keyboard", "monkey", "tokenizer",
	"passthrough", "bypass", "compass", "secretary",
	// More.
	"PWD", "OLDPWD", "", "_", "foreign_key", "sort_key", "keys", "password_file",
	"secret_name", "token_expiry", "passage", "DOCKER_HOST", "REGISTRY_URL", "image",
	"is_secret_manager", "tokens_per_second", "overpass", "key_id", "api", "2",
}

func TestIsSecretName(t *testing.T) {
	for _, name := range secretNames {
		if !IsSecretName(name) {
			t.Errorf("IsSecretName(%q) = false, want true", name)
		}
	}
	for _, name := range notSecretNames {
		if IsSecretName(name) {
			t.Errorf("IsSecretName(%q) = true, want false", name)
		}
	}
}

var registryKeysTrue = []string{
	"DOCKER_PASSWORD", "DOCKER_REGISTRY_PASSWORD", "CI_REGISTRY_PASSWORD", "CI_JOB_TOKEN",
	"GITLAB_TOKEN", "REGISTRY_TOKEN", "DOCKER_AUTH_CONFIG", "docker_auth_config", "ciJobToken",
	"gitlabToken", "GHCR_TOKEN", "ECR_PASSWORD", "HARBOR_ROBOT_SECRET", "QUAY_PASSWORD",
	"DOCKERHUB_TOKEN", "dockerPassword", "registry.password", "gitlabtoken",
}

var registryKeysFalse = []string{
	"DB_PASSWORD", "API_TOKEN", "DOCKER_HOST", "REGISTRY_URL", "GITLAB_PROJECT_ID",
	"DOCKER_USERNAME", "CI_REGISTRY_USER", "CI_JOB_ID", "DOCKER_CONFIG", "SECRET_KEY",
	"ECR_REPOSITORY", "becr_password_hint", "DOCKER_PASSWORD_FILE", "",
}

func TestIsRegistryCredentialKey(t *testing.T) {
	for _, name := range registryKeysTrue {
		if !IsRegistryCredentialKey(name) {
			t.Errorf("IsRegistryCredentialKey(%q) = false, want true", name)
		}
	}
	for _, name := range registryKeysFalse {
		if IsRegistryCredentialKey(name) {
			t.Errorf("IsRegistryCredentialKey(%q) = true, want false", name)
		}
	}
}

func TestNamesASecret(t *testing.T) {
	for v, want := range map[string]bool{
		"password": true, "gitlab-token": true, "db_password": true, " Registry.Password ": true,
		"Wq9-etl-pass": false, "ya29.json-export-token": false, "hunter2": false, "registry": false, "": false,
	} {
		if got := NamesASecret(v); got != want {
			t.Errorf("NamesASecret(%q) = %v, want %v", v, got, want)
		}
	}
}

// TestMayBeSecretName checks IsSecretName's quick rejection against the
// full test on the words: it never turns away a name the words make
// secret-like (in any case, with any separators, digits and Unicode), and
// it does turn away plain names.
func TestMayBeSecretName(t *testing.T) {
	var names []string
	names = append(names, secretNames...)
	names = append(names, notSecretNames...)
	names = append(names, registryKeysTrue...)
	names = append(names, registryKeysFalse...)
	lasts := []string{"password", "passwd", "pwd", "pw", "pass", "passphrase", "secret", "token",
		"credential", "credentials", "key", "api key", "access key", "secret key", "private key",
		"auth key", "client secret", "apikey", "authtoken", "dbpassword", "clientsecret", "url", "id"}
	for _, last := range lasts {
		for _, join := range []string{"_", "-", ".", " ", ""} {
			w := strings.ReplaceAll(last, " ", join)
			for _, n := range []string{w, "db" + join + w, "my_" + w + "2", "x" + join + w + "_3"} {
				names = append(names, n, strings.ToUpper(n), strings.ToUpper(n[:1])+n[1:])
			}
		}
	}
	names = append(names, "\u212aey", "API_\u212aEY", "pässword", "tökén")
	secret := 0
	for _, name := range names {
		if secretWords(name, wordSpans(nil, name)) {
			secret++
			if !mayBeSecretName(name) {
				t.Errorf("mayBeSecretName(%q) = false, but its words are secret-like", name)
			}
		}
	}
	if secret < 100 {
		t.Fatalf("only %d secret-like names tried", secret)
	}
	for _, name := range []string{"image", "task_id", "docker_url", "DB_HOST"} {
		if mayBeSecretName(name) {
			t.Errorf("mayBeSecretName(%q) = true, want a quick no", name)
		}
	}
}

// TestMayBeSecretNameOnePass checks mayBeSecretName's one pass over a name
// against a search for each of secretNameParts in turn, on the names above,
// names with a part cut short or at either end, and random names over an
// alphabet rich in the parts' letters.
func TestMayBeSecretNameOnePass(t *testing.T) {
	perPart := func(name string) bool {
		for i := 0; i < len(name); i++ {
			if name[i] >= 0x80 {
				return true
			}
		}
		for _, p := range secretNameParts {
			if containsFoldASCII(name, p) {
				return true
			}
		}
		return false
	}
	names := append(append([]string{"", "p", "P", "pas", "PAs", "pw", "xpW", "ke", "kEy", "tokeN_", "credentia", "secre", "_pass", "s\x80"},
		secretNames...), notSecretNames...)
	for _, p := range secretNameParts {
		for cut := 0; cut <= len(p); cut++ {
			names = append(names, p[:cut], strings.ToUpper(p[cut:]), "a"+p[:cut], p[cut:]+"_z")
		}
	}
	r := rand.New(rand.NewPCG(9, 9))
	const alphabet = "pPaAsSwWeEcCrRtToOkKnNdDiIlLyY_-.0\xff"
	for range 20000 {
		b := make([]byte, r.IntN(12))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		names = append(names, string(b))
	}
	for _, name := range names {
		if got, want := mayBeSecretName(name), perPart(name); got != want {
			t.Errorf("mayBeSecretName(%q) = %v, a search per part says %v", name, got, want)
		}
	}
}

// containsFoldASCII reports whether s contains lower, a lowercase ASCII
// string, in any ASCII case.
func containsFoldASCII(s, lower string) bool {
	for i := 0; i+len(lower) <= len(s); i++ {
		if hasPrefixFoldASCII(s[i:], lower) {
			return true
		}
	}
	return false
}

// TestNameTestsAllocateNothing: IsSecretName and IsRegistryCredentialKey,
// asked about every key of every environment dict, split no words into
// strings (ASCII names of ordinary length, secret-like or not).
func TestNameTestsAllocateNothing(t *testing.T) {
	names := []string{"CI_REGISTRY_PASSWORD", "dockerHubToken", "DB_PASSWORD_2", "ciJobToken", "AWSSecretAccessKey", "LOG_LEVEL", "api_key"}
	allocs := testing.AllocsPerRun(50, func() {
		for _, n := range names {
			IsSecretName(n)
			IsRegistryCredentialKey(n)
		}
	})
	if allocs != 0 {
		t.Errorf("%v allocations per round of %d names, want 0", allocs, len(names))
	}
}

// TestPartsByFirst checks the literal table against secretNameParts.
func TestPartsByFirst(t *testing.T) {
	var want [256][]string
	for _, p := range secretNameParts {
		want[p[0]] = append(want[p[0]], p)
	}
	if !reflect.DeepEqual(want, partsByFirst) {
		t.Errorf("partsByFirst is not secretNameParts by first letter")
	}
}
