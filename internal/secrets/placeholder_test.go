package secrets

import "testing"

func TestIsPlaceholder(t *testing.T) {
	placeholders := []string{
		"", "   ", "abc", "xxxx", "****", "........", "<password>", "<your token>",
		"${DB_PASSWORD}", "{password}", "%(password)s", "{{ var.value.db_password }}",
		"{{conn.db.password}}", "pre {% raw %}x{% endraw %}", "DB_PASSWORD", "PASSWORD",
		"_TOKEN2", "$DB_PASSWORD", "your-token-here", "YOUR_PASSWORD", "example123",
		"MyDummyPass", "[REDACTED]", "placeholder", "https://gitlab.com/api/v4",
		"postgres://db.internal:5432/app", "https://ci-bot@gitlab.com/group/repo.git",
		"postgres://app:@db/app", "postgres://app:${PASS}@db/app",
		"postgres://app:{{ conn.pg.password }}@db/app", "prefix-${SUFFIX}", "a%(pw)sb",
		"  xxxx  ", "postgresql://user:password@localhost/db",
		"sk-abcdefghijklmnop", "abcdefghij", "test_ABCDEFGHIJ", "key-bcdefghijk",
	}
	for _, v := range placeholders {
		if !IsPlaceholder(v) {
			t.Errorf("IsPlaceholder(%q) = false, want true", v)
		}
	}
	secrets := []string{
		"changeme", "password123", "hunter2x", "s3cr3t!", "Passw0rd", "abcd", "aaab", "1234",
		"Db_Password", "2FAST4U", "pa$Sw0rd", "hunter$X9", "{abc", "<abc", "%(abc)",
		"postgres://app:s3cr3tpw@db/app", "redis://:Tr0ub4dor@cache:6379/0",
		"glpat-" + "Zq8xR2mWkP4vT7yB1nLc", "correct horse battery staple",
		"abcdefg", "sk-abcdefghijklmnoq", "12345678", "abcdefgh1", "longprefix-abcdefghij", "zyxwvutsrq",
	}
	for _, v := range secrets {
		if IsPlaceholder(v) {
			t.Errorf("IsPlaceholder(%q) = true, want false", v)
		}
	}
}
