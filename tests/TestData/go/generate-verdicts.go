// Generates go-syntax-verdicts-extended.tsv: Go's own verdicts on regular expressions, IP addresses, CIDR
// ranges and durations, to test the product's validators against (tests/TestData/README.md).
//
// Run with any Go toolchain from 1.19 on: go run generate-verdicts.go > go-syntax-verdicts-extended.tsv
//
// Traefik 3.7 is built with Go 1.26. Where a Go release after the one running this program changed a verdict,
// the program applies that change itself, and the row's detail says so ("adjusted: ..."):
//   - Go 1.22 reads (?<name>re) as a named group, exactly as (?P<name>re): patterns are checked with every
//     "(?<" spelled "(?P<", which older Go parses the same way.
//   - Go 1.25 looks \p{name} names up case-insensitively, ignoring spaces, '_' and '-', and knows the
//     category aliases (Letter, Uppercase_Letter, digit, ...), Any, Assigned, ASCII, LC and Cn; Go 1.21 moved
//     to Unicode 15.0 (seven more scripts). Each \p name is looked up in that table and replaced by one the
//     running Go knows (L) or by one no Go knows.
//   - net.ParseIP and net.ParseCIDR read addresses with netip.ParseAddr since Go 1.22, which refuses an IPv6
//     group of more than four hex digits (golang/go#57760): the address part is read with netip.ParseAddr,
//     zones refused, and such groups refused.
//
// Inputs longer than 1024 characters are not generated: the product refuses longer expressions by design.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"net/netip"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Scripts and property names Go 1.26 knows that an older toolchain may not.
var laterScripts = []string{"Cypro_Minoan", "Old_Uyghur", "Tangsa", "Toto", "Vithkuqi", "Kawi", "Nag_Mundari"}

var laterNames = []string{"Any", "Assigned", "ASCII", "LC", "Cn",
	"Cased_Letter", "Close_Punctuation", "Combining_Mark", "Connector_Punctuation", "Control", "Currency_Symbol",
	"Dash_Punctuation", "Decimal_Number", "Enclosing_Mark", "Final_Punctuation", "Format", "Initial_Punctuation",
	"Letter", "Letter_Number", "Line_Separator", "Lowercase_Letter", "Mark", "Math_Symbol", "Modifier_Letter",
	"Modifier_Symbol", "Nonspacing_Mark", "Number", "Open_Punctuation", "Other", "Other_Letter", "Other_Number",
	"Other_Punctuation", "Other_Symbol", "Paragraph_Separator", "Private_Use", "Punctuation", "Separator",
	"Space_Separator", "Spacing_Mark", "Surrogate", "Symbol", "Titlecase_Letter", "Unassigned", "Uppercase_Letter",
	"cntrl", "digit", "punct"}

func loose(name string) string {
	var b strings.Builder
	for _, c := range name {
		switch {
		case c == '_' || c == '-' || c == ' ':
		case c >= 'A' && c <= 'Z':
			b.WriteRune(c + 'a' - 'A')
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

func modernNames() map[string]bool {
	names := map[string]bool{}
	for n := range unicode.Categories {
		names[loose(n)] = true
	}
	for n := range unicode.Scripts {
		names[loose(n)] = true
	}
	for _, n := range append(append([]string{}, laterScripts...), laterNames...) {
		names[loose(n)] = true
	}
	return names
}

var known = modernNames()

// modernPattern rewrites a pattern so that the running Go judges it as Go 1.26 does (see the header).
func modernPattern(p string) string {
	p = strings.ReplaceAll(p, "(?<", "(?P<")
	var out strings.Builder
	for i := 0; i < len(p); {
		if p[i] != '\\' || i+1 >= len(p) {
			out.WriteByte(p[i])
			i++
			continue
		}
		switch p[i+1] {
		case 'Q':
			end := strings.Index(p[i+2:], `\E`)
			if end < 0 {
				out.WriteString(p[i:])
				return out.String()
			}
			out.WriteString(p[i : i+2+end+2])
			i += 2 + end + 2
		case 'p', 'P':
			rest := p[i+2:]
			var name, tail string
			if strings.HasPrefix(rest, "{") {
				end := strings.IndexByte(rest, '}')
				if end < 0 {
					out.WriteString(p[i:])
					return out.String()
				}
				name, tail = rest[1:end], rest[end+1:]
			} else if rest != "" {
				r := []rune(rest)[0]
				name, tail = string(r), rest[len(string(r)):]
			} else {
				out.WriteString(p[i:])
				return out.String()
			}
			neg := ""
			if strings.HasPrefix(name, "^") {
				neg, name = "^", name[1:]
			}
			replacement := "Zzzz_not_a_name"
			if known[loose(name)] {
				replacement = "L"
			}
			out.WriteString(p[i:i+2] + "{" + neg + replacement + "}")
			i = len(p) - len(tail)
		default:
			out.WriteString(p[i : i+2])
			i += 2
		}
	}
	return out.String()
}

func quote(s string) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		panic(err)
	}
	return strings.TrimSuffix(buf.String(), "\n")
}

func clean(s string) string {
	return strings.NewReplacer("\t", `\t`, "\n", `\n`, "\r", `\r`).Replace(s)
}

func regexpRow(p string) string {
	_, old := regexp.Compile(p)
	_, err := regexp.Compile(modernPattern(p))
	verdict, detail := "accept", ""
	if err != nil {
		verdict, detail = "reject", err.Error()
	}
	if (old == nil) != (err == nil) {
		adjusted := "adjusted: Go " + runtime.Version()[2:] + " says " + map[bool]string{true: "accept", false: "reject"}[old == nil] + ", Go 1.26 says " + verdict
		if detail != "" {
			adjusted += "; " + detail
		}
		detail = adjusted
	}
	return "regexp\t" + quote(p) + "\t" + verdict + "\t" + clean(detail)
}

// longGroup reports whether the IPv6 part of s has a group of more than four hex digits.
func longGroup(s string) bool {
	if i := strings.IndexByte(s, '%'); i >= 0 {
		s = s[:i]
	}
	for _, field := range strings.Split(s, ":") {
		if !strings.Contains(field, ".") && len(field) > 4 {
			return true
		}
	}
	return false
}

func parseIP(s string) (netip.Addr, string) {
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Addr{}, err.Error()
	}
	if a.Zone() != "" {
		return netip.Addr{}, "zone not allowed"
	}
	if a.Is6() && longGroup(s) {
		return netip.Addr{}, "adjusted: Go 1.26 refuses an IPv6 group of more than four hex digits"
	}
	return a, ""
}

func ipRow(s string) string {
	a, why := parseIP(s)
	if why != "" {
		return "ip\t" + quote(s) + "\treject\t" + clean(note(net.ParseIP(s) != nil, false, why))
	}
	return "ip\t" + quote(s) + "\taccept\t" + clean(note(net.ParseIP(s) != nil, true, a.Unmap().String()))
}

// note marks a verdict that differs from the running Go's own net package.
func note(old, modern bool, detail string) string {
	if old == modern || strings.HasPrefix(detail, "adjusted:") {
		return detail
	}
	return "adjusted: Go " + runtime.Version()[2:] + "'s net package says " + map[bool]string{true: "accept", false: "reject"}[old] + "; " + detail
}

func cidrRow(s string) string {
	_, _, old := net.ParseCIDR(s)
	row := cidrVerdict(s)
	parts := strings.SplitN(row, "\t", 4)
	parts[3] = clean(note(old == nil, parts[2] == "accept", parts[3]))
	return strings.Join(parts, "\t")
}

func cidrVerdict(s string) string {
	addr, mask, found := strings.Cut(s, "/")
	if !found {
		return "cidr\t" + quote(s) + "\treject\tno '/'"
	}
	a, why := parseIP(addr)
	if why != "" {
		return "cidr\t" + quote(s) + "\treject\t" + clean(why)
	}
	n, digits := 0, 0
	for digits < len(mask) && mask[digits] >= '0' && mask[digits] <= '9' {
		n = n*10 + int(mask[digits]-'0')
		digits++
		if n >= 0xFFFFFF {
			return "cidr\t" + quote(s) + "\treject\tprefix length too large"
		}
	}
	if digits == 0 || digits != len(mask) || n > a.BitLen() {
		return "cidr\t" + quote(s) + "\treject\tbad prefix length"
	}
	p, _ := a.Prefix(n)
	return "cidr\t" + quote(s) + "\taccept\t" + p.String()
}

// durationRow: Traefik reads a duration as integer seconds when strconv.ParseInt accepts it, else with time.ParseDuration.
func durationRow(s string) string {
	if v, err := strconv.ParseInt(s, 10, 64); err == nil {
		return "duration\t" + quote(s) + "\taccept\t" + strconv.FormatInt(v, 10) + " seconds"
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return "duration\t" + quote(s) + "\treject\t" + clean(err.Error())
	}
	return "duration\t" + quote(s) + "\taccept\t" + strconv.FormatInt(int64(d), 10) + "ns"
}

func regexps() []string {
	r := []string{
		"", "a", "abc", ".", "^", "$", "^$", "$^", "|", "||", "a|", "|a", "(|)", "(||)", "()", "(?:)", "(?:)*", "()*",
		"(", ")", "((", "))", "(a", "a)", "(a))", "((a)", "(a|b", "a|b)", "(?:a", "(?:a))", "[", "]", "[]", "[^]", "[]]", "[^]]", "[]a]", "[^]a]",
		"*", "+", "?", "*a", "+a", "?a", "a**", "a*+", "a*?", "a*??", "a*?*", "a+?+", "a??", "a???", "a{2}{2}", "a{2}*", "a{2}?", "a{2}??",
		"a{2}?*", "(a*)*", "(a*)+", "(a+)+", "((a*)*)*", "^*", "$+", `\b*`, `\A+`, `\z?`, "(?i)*", "a(?i)*", `\Q\E*`, `a\Q\E*`, "a*(?i)*", `a*\Q\E*`,
		"(*)", "(|*)", "|*", "a|*", "(?:*)", "(?i:*)", "x*{", "x*{2", "x*{2}",
		"a{0}", "a{1}", "a{0,0}", "a{0,1}", "a{1000}", "a{1001}", "a{0,1000}", "a{0,1001}", "a{1000,}", "a{1001,}", "a{1000,1000}", "a{999,1001}",
		"a{99999999}", "a{100000000}", "a{9876543210}", "a{1,99999999}", "a{1,100000000}", "a{01}", "a{1,01}", "a{00}", "a{0,}", "a{,}", "a{}", "a{x}",
		"a{1, 2}", "a{ 1}", "a{1 }", "a{-1}", "a{+1}", "a{1,2,3}", "a{2,1}", "a{1,1}", "a{,5}", "{1}", "{", "}", "{}", "a{", "a{1", "a{1,", "a{1,2",
		"(a{2}){500}", "(a{2}){501}", "(?:a{10}){100}", "(?:a{10}){101}", "((a{10}){10}){10}", "((a{10}){10}){11}", "(a{1000}){0}",
		"((a{1000}){0}){2}", "(a{1000}){0,1}", "(a{1000}){1}", "(a{1000}){1,}", "(a{1000}){2,}", "(a{500}|b{3}){2}", "(a{500}|b{3}){3}",
		"a{1000}b{1000}", "(a*){1000}", "(a+){2}", "(?:[a-z]{4}){0,250}", "(?:[a-z]{4}){0,251}", "(a{2}b{3}){333}", "(a{3}){333}", "(a{3}){334}",
		"((((((((((x{2}){2}){2}){2}){2}){2}){2}){2}){2}))", "((((((((((x{2}){2}){2}){2}){2}){2}){2}){2}){2}){2})",
		"(?i)", "(?m)", "(?s)", "(?U)", "(?imsU)", "(?x)", "(?i-)", "(?-i)", "(?-)", "(?i-i)", "(?i-m:a)", "(?--i)", "(?i-s-m)", "(?)", "(?",
		"(?i", "(?i:", "(?i:a", "(?i:a)", "(?-i:a)", "(?ii)", "(?I)", "(?u)", "(?b)", "(?n)", "(?J)", "(?^)", "(?a)", "(?i)(?-i)a", "(?i)a(?-i)b",
		"(?P", "(?P<", "(?P<n", "(?P<n>", "(?P<n>a", "(?P<n>a)", "(?<n>a)", "(?'n'a)", "(?P=n)", "(?P>n)", "(?#c)", "(?#c)a", "(?=a)", "(?!a)",
		"(?<=a)b", "(?<!a)b", "(?>a)", "(?|a)", "(?R)", "(?1)", "(?&n)", "(?P<n-x>a)", "(?P<é>a)", "(?P< n>a)", "(?P<n >a)", "(?P<_>a)", "(?P<1>a)",
		"(?P<n>a)(?P<n>b)", "(?P<a)>b)", "(?<a)>b)", "(?<>a)", "(?P<>a)", "(?<", "(?<n", "(?<n>", "(?<n>a", "(?<=", "(?<=a>b)", "(?<n>a)(?P<n>b)",
		`\a`, `\f`, `\t`, `\n`, `\r`, `\v`, `\0`, `\00`, `\000`, `\0000`, `\1`, `\7`, `\8`, `\9`, `\10`, `\12`, `\123`, `\400`, `\777`, `\18`,
		`\x`, `\x4`, `\x41`, `\x4g`, `\xg1`, `\x{}`, `\x{0}`, `\x{10FFFF}`, `\x{110000}`, `\x{FFFFFFFFF}`, `\x{41`, `\x{4 1}`, `\x{-1}`, `\x{D800}`,
		`\x{0000000041}`, `\xFF`, `\xff`, `\e`, `\c`, `\cA`, `\C`, `\d`, `\D`, `\w`, `\W`, `\s`, `\S`, `\b`, `\B`, `\A`, `\z`, `\Z`, `\G`, `\h`, `\H`,
		`\V`, `\R`, `\X`, `\K`, `\N`, `\o`, `\u`, `\U`, `\l`, `\L`, `\E`, `\Q`, `\Qa`, `\Qa\E`, `\Q\E`, `\Q\`, `\Q\\E`, `\g`, `\k`, `\k<n>`, `\i`,
		`\j`, `\m`, `\q`, `\y`, `\Y`, `\F`, `\I`, `\J`, `\M`, `\O`, `\T`, `\!`, `\"`, `\#`, `\%`, `\&`, `\'`, `\,`, `\:`, `\;`, `\<`, `\=`, `\>`,
		`\@`, "\\`", `\~`, `\ `, `\-`, `\_`, `\/`, `\{`, `\}`, `\[`, `\]`, `\|`, `\\`, `\.`, `\*`, `\+`, `\?`, `\(`, `\)`, `\^`, `\$`, `\`, `a\`,
		"\\é", "\\\t", "\\\n", `\€`, `\x41\x42`,
		`\p`, `\P`, `\pL`, `\pN`, `\pZ`, `\pX`, `\pl`, `\pn`, `\pé`, `\p^`, `\p{`, `\p{L`, `\p{}`, `\p{^}`, `\p{L}`, `\p{Lu}`, `\p{lu}`, `\p{LU}`,
		`\p{Latin}`, `\p{latin}`, `\p{LATIN}`, `\p{Greek}`, `\p{Old_Italic}`, `\p{OldItalic}`, `\p{old italic}`, `\p{old-italic}`, `\p{Letter}`,
		`\p{letter}`, `\p{Cased_Letter}`, `\p{LC}`, `\p{lc}`, `\p{L&}`, `\p{Cn}`, `\p{Any}`, `\p{any}`, `\p{Assigned}`, `\p{ASCII}`, `\p{ascii}`,
		`\p{^L}`, `\P{^L}`, `\P{Greek}`, `\p{^Greek}`, `\p{Kawi}`, `\p{Nag_Mundari}`, `\p{Vithkuqi}`, `\p{Toto}`, `\p{Garay}`, `\p{Braille}`, `\p{Han}`,
		`\p{Zzzz}`, `\p{Unknown}`, `\p{Common}`, `\p{Inherited}`, `\p{Zyyy}`, `\p{Latn}`, `\p{IsGreek}`, `\p{InGreek}`, `\p{Script=Greek}`,
		`\p{gc=L}`, `\p{Alpha}`, `\p{Alphabetic}`, `\p{White_Space}`, `\p{Emoji}`, `\p{digit}`, `\p{Digit}`, `\p{punct}`, `\p{cntrl}`,
		`\p{upper case-let ter}`, `\p{__upper case-let ter}`, `\p{ L }`, `\p{L }`, `\p{Foo}`, `\p{é}`, `\pLu`, `\p{L}{2}`, `\p{Greek}+`,
		"[a]", "[a-]", "[-a]", "[a-z]", "[z-a]", "[a-a]", `[\d-z]`, `[a-\d]`, `[\w-]`, `[a-\pL]`, `[\pL]`, `[\p{Greek}]`, `[^\P{L}]`, `[\p{Foo}]`,
		"[[:alpha:]]", "[[:^alpha:]]", "[[:word:]]", "[[:foo:]]", "[[:alpha:]", "[[:alpha]", "[:alpha:]", "[[:ALPHA:]]", "[[=a=]]", "[[.a.]]",
		"[[:alnum:]]", "[[:ascii:]]", "[[:blank:]]", "[[:cntrl:]]", "[[:digit:]]", "[[:graph:]]", "[[:lower:]]", "[[:print:]]", "[[:punct:]]",
		"[[:space:]]", "[[:upper:]]", "[[:xdigit:]]", "[[:^word:]]", "[[:^foo:]]", "[[:]]", "[[::]]", "[[:foo]:]", "[[:x]", "[[:alpha:]-z]",
		"[a-[:digit:]]", "[a-b-c]", `[\b]`, `[\B]`, `[\Q]\E]`, `[\A]`, `[\z]`, `[\x41-\x5a]`, `[\x{41}-\x7a]`, `[\0-\177]`, `[\n]`, "[ -~]",
		"[é-ê]", "[ê-é]", "[😀-😁]", "[😁-😀]", `[\x{1F600}-\x{1F601}]`, "[a&&b]", "[a--b]", "[[a]]", "[a[b]", `[\[]`, `[\]]`, `[^\n]`, "[^-]",
		`[\-]`, `[a-\-]`, "[--a]", "[a-]]", "[^]-a]", `[\pN-z]`, `[\d\D]`, `[\s\S]`, `[\e]`, `[\cA]`, `[\p]`, `[\p{}]`, `[\x{110000}]`, "[a-", "[^",
		"[a", `[\`, `[a\]`, `[[:alpha:]`, `[\p{L}`, `[\d`,
		"/api", "^/api$", "^/api/v[0-9]+/.*$", "{subdomain:[a-z]+}", "/{id}", "/users/{id:[0-9]+}", "^/(?P<tenant>[a-z]+)/(.*)", "^https?://([^/]+)/(.*)$",
		`^[a-z0-9-]+\.example\.com$`, ".*\\.(jpg|png|gif)$", "(?i)^/admin", "^/(en|fr|de)/", `^/a\z`, `^/a\Z`, "^/api(/|$)", "é+", "^/café$", "😀",
		"a\x00b", "a\tb", "a\nb", "\x7f", "a b", "(?s).*", "(?m)^a$", "a{1000}b{1000}c{1000}", "((((((((((a))))))))))",
	}
	// Every Unicode name Go 1.26 knows, and two loose spellings of each.
	var names []string
	for n := range unicode.Categories {
		names = append(names, n)
	}
	for n := range unicode.Scripts {
		names = append(names, n)
	}
	names = append(names, laterScripts...)
	names = append(names, laterNames...)
	sort.Strings(names)
	for _, n := range names {
		r = append(r, `\p{`+n+`}`, `\P{`+strings.ToUpper(n)+`}`, `[\p{`+strings.ReplaceAll(strings.ToLower(n), "_", " ")+`}]`)
	}
	// Single-letter \p names and escapes of every printable ASCII character.
	for c := byte(0x20); c < 0x7f; c++ {
		r = append(r, `\p`+string(c), `\`+string(c), `[\`+string(c)+`]`)
	}
	// Depth: nested groups within 1024 characters.
	r = append(r, strings.Repeat("(", 500)+strings.Repeat(")", 500), strings.Repeat("(?:", 200)+strings.Repeat(")*", 200),
		strings.Repeat("(a", 250)+strings.Repeat(")*", 250), strings.Repeat("a", 1024), "("+strings.Repeat("|", 1000)+")",
		strings.Repeat(`\pL`, 341), strings.Repeat("(a{2})", 100), "(?:"+strings.Repeat("a", 1000)+"){1000}")
	return r
}

func ips() []string {
	return []string{
		"1.2.3.4", "0.0.0.0", "255.255.255.255", "256.0.0.0", "1.2.3.256", "1.2.3.04", "1.2.3.00", "1.2.3.0", "01.2.3.4", "010.0.0.1", "1.2.3",
		"1.2.3.4.5", "1..2.3", ".1.2.3", "1.2.3.", "1.2.3.4.", "1.2.3.-4", "+1.2.3.4", " 1.2.3.4", "1.2.3.4 ", "1.2.3.4\n", "1.2.3.4\x00", "127.1",
		"0x7f.0.0.1", "1e0.0.0.0", "١.٢.٣.٤", "１.２.３.４", "1.2.3.4:80", "1.2.3.4/32", "1.2.3.4%eth0", "999.999.999.999", "1.2.3.4444",
		"::", "::1", "1::", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9",
		"1:2:3:4:5:6:7", "1::2::3", ":::", ":1::", "1:::2", "::ffff:1.2.3.4", "::FFFF:1.2.3.4", "::ffff:01.2.3.4", "::ffff:010.0.0.1", "::1.2.3.4",
		"1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:7:1.2.3.4", "1:2:3:4:5::1.2.3.4", "1::1.2.3.4.5", "::ffff:1.2.3", "::ffff:256.1.1.1", "1.2.3.4::",
		"::1.2.3.4:1", "00001::", "0000::", "12345::", "fffff::", "FFFF::", "gggg::", "fe80::1%eth0", "fe80::1%", "%eth0", "[::1]", "::1/128",
		"2001:db8::", "2001:DB8::A", "2001:0db8:0000::0001", "2001:db8:::1", "2001:db8::1::2", "::ffff:0:0", "64:ff9b::1.2.3.4", "::ffff:1.2.3.4:5",
		"1:2:3:4:5:6:7:8%1", "fe80::", "ff02::1", "0:0:0:0:0:0:0:0", "0:0:0:0:0:0:0:0:0", "1:2", ":", "1:", ":1", "::1:", "a::b:c::d", "::g",
		"localhost", "example.com", "", " ", "1", "0", "-1", "1.2.3.4.", "1.2.3.4-", "2001:db8::1 ", "::ffff:1.2.3.4%eth0", "::%eth0", "::ffff:1.2.3.4.5",
	}
}

func cidrs() []string {
	r := []string{"10.0.0.0/8", "10.0.0.1/8", "10.0.0.0/0", "10.0.0.0/32", "10.0.0.0/33", "10.0.0.0/08", "10.0.0.0/008", "10.0.0.0/0000000000008",
		"10.0.0.0/+8", "10.0.0.0/-1", "10.0.0.0/ 8", "10.0.0.0/8 ", " 10.0.0.0/8", "10.0.0.0/", "10.0.0.0//8", "10.0.0.0/8/8", "10.0.0.0/0x8",
		"10.0.0.0/٨", "10.0.0.0/99999999999", "10.0.0.0/4294967304", "10.0.0.0", "/8", "/", "", "1.2.3/24", "010.0.0.0/8", "0.0.0.0/0",
		"::/0", "::/128", "::/129", "::1/128", "2001:db8::/32", "2001:db8::/129", "2001:db8::/64 ", "::ffff:1.2.3.4/96", "::ffff:1.2.3.4/128",
		"::ffff:1.2.3.4/129", "::ffff:1.2.3.4/32", "::ffff:10.0.0.0/104", "fe80::%eth0/64", "fe80::/10", "[::1]/128", "00001::/16", "1.2.3.4/24",
		"192.168.0.0/16", "192.168.0.0/16/", "10.0.0.0/8\n", "10.0.0.0/8\x00", "1.2.3.4:80/24", "localhost/8"}
	return r
}

func durations() []string {
	return []string{"0", "1", "10", "-1", "+1", "007", "9223372036854775807", "9223372036854775808", "-9223372036854775808", "10s", "1m30s",
		"1m30", "1.5s", ".5s", "5.s", "1.s", ".", ".s", "s", "1h", "1d", "1w", "1 s", " 1s", "1s ", "1S", "1Ms", "1MS", "100ms", "100us",
		"100µs", "100μs", "1ns", "-1s", "+1s", "-0", "+0", "0s", "00s", "-0s", "1h2m3s4ms5us6ns", "2562047h", "2562048h", "2562047h47m16.854775807s",
		"2562047h47m16.854775808s", "9223372036854775807ns", "9223372036854775808ns", "-9223372036854775808ns", "-9223372036854775809ns", "1e3s",
		"1_000s", "0x10s", "", " ", "1.0000000000000000000001s", "1..5s", "1.5.5s", "1m30s10", "1s1s", "1h-1m", "-", "+", "--1s", "1.5", "1sec",
		"1 h", "1hour", "1m 30s", "½s", "٣s", "1s\n", "\t1s", "3.6e3s", "0.000000001s", "0.0000000001s", "1.9999999999999999999h",
		"99999999999999999999s", "18446744073709551616ns", "1.5h", "1h30.5m", ".1h", "1.h", "00", "-00", "0000000000000000000001"}
}

func main() {
	fmt.Println("# Go's verdicts on regular expressions, IP addresses, CIDR ranges and durations, produced by generate-verdicts.go")
	fmt.Println("# (in this folder) with " + runtime.Version() + " (Debian golang-go), as Go 1.26 (which builds Traefik 3.7) decides:")
	fmt.Println("# rows whose detail starts with \"adjusted:\" apply a change made after that release (see the program's header).")
	fmt.Println("# regexp: regexp.Compile. ip: net.ParseIP. cidr: net.ParseCIDR. duration: strconv.ParseInt (whole seconds), else time.ParseDuration.")
	fmt.Println("# Columns: kind, input as a JSON string, verdict (accept | reject), Go's error or the value read.")
	fmt.Println("kind\tinput\tverdict\tdetail")
	seen := map[string]bool{}
	emit := func(line string) {
		key := strings.SplitN(line, "\t", 3)[0] + "\t" + strings.SplitN(line, "\t", 3)[1]
		if !seen[key] {
			seen[key] = true
			fmt.Println(line)
		}
	}
	for _, p := range regexps() {
		if len(p) <= 1024 {
			emit(regexpRow(p))
		}
	}
	for _, s := range ips() {
		emit(ipRow(s))
	}
	for _, s := range cidrs() {
		emit(cidrRow(s))
	}
	for _, s := range ips() {
		if !strings.Contains(s, "/") {
			for _, m := range []string{"/0", "/24", "/32", "/33", "/64", "/128"} {
				emit(cidrRow(s + m))
			}
		}
	}
	for _, s := range durations() {
		emit(durationRow(s))
	}
}
