// ghost conformance harness for Go (protocol v1, docs/driver-protocol.md): the fixed half.
// driver.mjs generates the other half (dispatch_gen.go: `functions`, `sentinels`, `implEntry`)
// from the spec's function names and the implementation's exported functions, because Go
// cannot look a function up by name at run time. Arguments are decoded into each parameter's
// Go type by reflection; results are encoded back with the protocol's tags.
package main

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"math"
	"math/big"
	"os"
	"reflect"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode"
)

const maxOutput = 64 * 1024
const maxLine = 16 * 1024 * 1024
const maxSafe = 1<<53 - 1

var protocol *os.File
var capture *os.File

func main() {
	setupStreams()
	names := map[string]string{}
	for spec, fn := range functions {
		names[spec] = fn.name
	}
	send(map[string]any{"ghost": "driver", "protocol": 1, "language": "go", "entry": implEntry, "functions": names})
	in := bufio.NewReaderSize(os.NewFile(3, "protocol-in"), 1<<16)
	for {
		line, err := in.ReadBytes('\n')
		if len(strings.TrimSpace(string(line))) > 0 {
			serve(line)
		}
		if err != nil {
			os.Exit(0)
		}
	}
}

// driver.mjs starts the harness with the protocol on fds 3 (requests) and 4 (responses), fd 0
// on /dev/null and fd 1 discarded: the implementation's package init() runs before main and
// must not reach the protocol. Then fd 1, os.Stderr and the log package write to an unlinked
// capture file (fmt.Print, log, child processes); fd 2 stays the driver's stderr, so a fatal
// runtime error still reaches the runner's stderr tail.
func setupStreams() {
	protocol = os.NewFile(4, "protocol")
	f, err := os.CreateTemp("", "ghost-go-capture-*")
	if err != nil {
		return // no capture: output is discarded
	}
	_ = os.Remove(f.Name())
	capture = f
	_ = syscall.Dup3(int(f.Fd()), 1, 0)
	os.Stderr = f
	log.SetOutput(f)
}

func send(msg map[string]any) {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(msg); err != nil {
		b.Reset()
		_ = enc.Encode(map[string]any{"id": msg["id"], "ok": false, "error": map[string]any{"kind": "UnserializableResult", "message": err.Error()}})
	}
	s := b.String()
	if len(s) > maxLine {
		b.Reset()
		_ = enc.Encode(map[string]any{"id": msg["id"], "ok": false, "error": map[string]any{"kind": "ResultTooLarge", "message": fmt.Sprintf("the response is %d bytes", len(s))}})
		s = b.String()
	}
	_, _ = io.WriteString(protocol, s)
}

func serve(line []byte) {
	var req struct {
		ID   any               `json:"id"`
		Fn   string            `json:"fn"`
		Args []json.RawMessage `json:"args"`
	}
	if err := json.Unmarshal(line, &req); err != nil {
		send(map[string]any{"id": nil, "ok": false, "error": map[string]any{"kind": "ProtocolError", "message": err.Error()}})
		return
	}
	fn, ok := functions[req.Fn]
	if !ok {
		send(map[string]any{"id": req.ID, "ok": false, "error": map[string]any{"kind": "FunctionNotFound", "message": "no function for " + strconv.Quote(req.Fn)}})
		return
	}
	args := make([]any, len(req.Args))
	for i, raw := range req.Args {
		v, err := decodeJSON(raw)
		if err != nil {
			send(map[string]any{"id": req.ID, "ok": false, "error": map[string]any{"kind": "ProtocolError", "message": err.Error()}})
			return
		}
		args[i] = v
	}
	if capture != nil {
		_ = capture.Truncate(0)
	}
	value, callErr := call(fn.value, args, req.Args)
	resp := map[string]any{"id": req.ID}
	if callErr != nil {
		resp["ok"] = false
		resp["error"] = callErr
	} else if encoded, err := encode(value, 0); err != nil {
		resp["ok"] = false
		resp["error"] = map[string]any{"kind": "UnserializableResult", "message": err.Error()}
	} else {
		resp["ok"] = true
		resp["value"] = encoded
	}
	if out := captured(); out != "" {
		resp["output"] = out
	}
	send(resp)
}

func captured() string {
	if capture == nil {
		return ""
	}
	info, err := capture.Stat()
	if err != nil || info.Size() == 0 {
		return ""
	}
	n := info.Size()
	if n > maxOutput {
		n = maxOutput
	}
	buf := make([]byte, n)
	k, _ := capture.ReadAt(buf, 0)
	return strings.ToValidUTF8(string(buf[:k]), "\uFFFD")
}

type entry struct {
	name  string
	value any
}

// ---- calling ----

var errorType = reflect.TypeOf((*error)(nil)).Elem()

func call(fn any, args []any, raws []json.RawMessage) (result any, failure map[string]any) {
	f := reflect.ValueOf(fn)
	t := f.Type()
	in, err := arguments(t, args, raws)
	if err != nil {
		return nil, map[string]any{"kind": "ArgumentError", "message": err.Error()}
	}
	defer func() {
		if p := recover(); p != nil {
			result = nil
			failure = panicError(p)
		}
	}()
	var out []reflect.Value
	if t.IsVariadic() {
		out = f.CallSlice(in)
	} else {
		out = f.Call(in)
	}
	if n := len(out); n > 0 && t.Out(n-1) == errorType {
		if e := out[n-1]; !e.IsNil() {
			return nil, errorObject(e.Interface().(error))
		}
		out = out[:n-1]
	}
	switch len(out) {
	case 0:
		return nil, nil
	case 1:
		return out[0].Interface(), nil
	}
	list := make([]any, len(out))
	for i, v := range out {
		list[i] = v.Interface()
	}
	return list, nil
}

func arguments(t reflect.Type, args []any, raws []json.RawMessage) ([]reflect.Value, error) {
	n := t.NumIn()
	fixed := n
	if t.IsVariadic() {
		fixed = n - 1
	}
	// trailing nulls beyond the parameters are "absent"
	for len(args) > fixed && !t.IsVariadic() && args[len(args)-1] == nil {
		args = args[:len(args)-1]
	}
	if len(args) > fixed && !t.IsVariadic() {
		return nil, fmt.Errorf("%d arguments for a function of %d parameters", len(args), n)
	}
	in := make([]reflect.Value, n)
	for i := 0; i < fixed; i++ {
		var a any
		if i < len(args) {
			a = args[i]
		}
		var v reflect.Value
		var err error
		if i < len(args) && a == nil && !nillable(t.In(i)) {
			// an explicit null for an int, string, struct…: Go has no such value (absent is the zero value)
			return nil, fmt.Errorf("argument %d: null for a %s", i+1, t.In(i))
		}
		// (value tags such as NaN stay for the type to read, as before; an escaped lookalike
		// object does not: the runner writes it compactly as "$ghost":"object", decoded above)
		if i < len(raws) && a != nil && reflect.PointerTo(t.In(i)).Implements(unmarshalerType) && !strings.Contains(string(raws[i]), `"$ghost":"object"`) {
			v, err = unmarshal(raws[i], t.In(i), fmt.Sprintf("argument %d", i+1)) // its own JSON, key order kept
		} else {
			v, err = convert(a, t.In(i), fmt.Sprintf("argument %d", i+1))
		}
		if err != nil {
			return nil, err
		}
		in[i] = v
	}
	if t.IsVariadic() {
		rest := []any{}
		if len(args) > fixed {
			rest = args[fixed:]
		}
		v, err := convert(rest, t.In(fixed), fmt.Sprintf("arguments %d…", fixed+1))
		if err != nil {
			return nil, err
		}
		in[fixed] = v
	}
	return in, nil
}

// ---- errors ----

var plainErrorTypes = map[string]bool{"*errors.errorString": true, "*fmt.wrapError": true, "*fmt.wrapErrors": true, "*errors.joinError": true}

// The kind of an error: a Kind() or Code() string method in the Unwrap chain, else the first
// named error type in it (errors.New/fmt.Errorf wrappers skipped), else the exported sentinel
// variable it Is (ErrInvalidVersion → InvalidVersion), else "Error".
func errorKind(err error) string {
	for e := err; e != nil; e = errors.Unwrap(e) {
		if k, ok := e.(interface{ Kind() string }); ok && k.Kind() != "" {
			return k.Kind()
		}
		if k, ok := e.(interface{ Code() string }); ok && k.Code() != "" {
			return k.Code()
		}
	}
	for e := err; e != nil; e = errors.Unwrap(e) {
		t := reflect.TypeOf(e)
		if plainErrorTypes[t.String()] {
			continue
		}
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.Name() != "" {
			return t.Name()
		}
	}
	names := make([]string, 0, len(sentinels))
	for name := range sentinels {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if target, ok := sentinels[name].(error); ok && errors.Is(err, target) {
			return strings.TrimPrefix(name, "Err")
		}
	}
	return "Error"
}

func errorObject(err error) map[string]any {
	return map[string]any{"kind": errorKind(err), "message": err.Error()}
}

func panicError(p any) map[string]any {
	trace := string(debug.Stack())
	if err, ok := p.(error); ok {
		if _, runtimeErr := p.(interface{ RuntimeError() }); !runtimeErr {
			o := errorObject(err)
			o["trace"] = trace
			return o
		}
		return map[string]any{"kind": "Panic", "message": err.Error(), "trace": trace}
	}
	return map[string]any{"kind": "Panic", "message": fmt.Sprint(p), "trace": trace}
}

// ---- decoding: JSON → tagged generic values → the parameter's Go type ----

func decodeJSON(raw []byte) (any, error) {
	d := json.NewDecoder(strings.NewReader(string(raw)))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	return untag(v)
}

func untag(v any) (any, error) {
	switch x := v.(type) {
	case []any:
		for i := range x {
			u, err := untag(x[i])
			if err != nil {
				return nil, err
			}
			x[i] = u
		}
		return x, nil
	case map[string]any:
		if tag, ok := x["$ghost"].(string); ok {
			switch tag {
			case "nan":
				return math.NaN(), nil
			case "inf":
				return math.Inf(1), nil
			case "-inf":
				return math.Inf(-1), nil
			case "bigint":
				s, _ := x["value"].(string)
				b, ok := new(big.Int).SetString(s, 10)
				if !ok {
					return nil, fmt.Errorf("bad bigint %q", s)
				}
				return b, nil
			case "bytes":
				s, _ := x["base64"].(string)
				b, err := base64.StdEncoding.DecodeString(s)
				if err != nil {
					return nil, fmt.Errorf("bad base64: %v", err)
				}
				return b, nil
			case "object":
				// an escaped user object that has a `$ghost` key of its own: its entries, literally
				inner, ok := x["value"].(map[string]any)
				if !ok {
					inner = map[string]any{}
				}
				return untagEntries(inner)
			}
			// an unknown tag is a plain object
		}
		return untagEntries(x)
	}
	return v, nil
}

func untagEntries(x map[string]any) (any, error) {
	for k := range x {
		u, err := untag(x[k])
		if err != nil {
			return nil, err
		}
		x[k] = u
	}
	return x, nil
}

// escapeObject: a result object with a `$ghost` key of its own would read as a tag (a returned
// {"$ghost": "nan"} as NaN): it travels escaped, as {"$ghost": "object", "value": {...}}.
func escapeObject(out map[string]any) map[string]any {
	if _, ok := out["$ghost"]; ok {
		return map[string]any{"$ghost": "object", "value": out}
	}
	return out
}

// escapeJSON: what a json.Marshaler wrote is plain JSON, not protocol JSON; its objects with
// a `$ghost` key are escaped like any other result's.
func escapeJSON(v any) any {
	switch x := v.(type) {
	case []any:
		for i := range x {
			x[i] = escapeJSON(x[i])
		}
	case map[string]any:
		for k := range x {
			x[k] = escapeJSON(x[k])
		}
		return escapeObject(x)
	}
	return v
}

func nillable(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Slice, reflect.Func, reflect.Chan:
		return true
	}
	return false
}

var bigIntType = reflect.TypeOf(big.Int{})
var unmarshalerType = reflect.TypeOf((*json.Unmarshaler)(nil)).Elem()

// unmarshal: a type that decodes itself (json.Unmarshaler) gets the protocol JSON.
func unmarshal(raw []byte, t reflect.Type, where string) (reflect.Value, error) {
	p := reflect.New(t)
	if err := p.Interface().(json.Unmarshaler).UnmarshalJSON(raw); err != nil {
		return reflect.Value{}, fmt.Errorf("%s: %v", where, err)
	}
	return p.Elem(), nil
}

var timeType = reflect.TypeOf(time.Time{})

func convert(v any, t reflect.Type, where string) (reflect.Value, error) {
	bad := func() (reflect.Value, error) {
		return reflect.Value{}, fmt.Errorf("%s: cannot use %s as %s", where, describe(v), t)
	}
	if v == nil {
		return reflect.Zero(t), nil // absent or null: nil pointer/slice/map, zero value otherwise
	}
	if reflect.PointerTo(t).Implements(unmarshalerType) && t.Kind() != reflect.Pointer {
		raw, err := json.Marshal(retag(v))
		if err != nil {
			return reflect.Value{}, fmt.Errorf("%s: %v", where, err)
		}
		return unmarshal(raw, t, where)
	}
	switch t.Kind() {
	case reflect.Pointer:
		if t.Elem() == bigIntType {
			b, ok := toBig(v)
			if !ok {
				return bad()
			}
			return reflect.ValueOf(b), nil
		}
		e, err := convert(v, t.Elem(), where)
		if err != nil {
			return e, err
		}
		p := reflect.New(t.Elem())
		p.Elem().Set(e)
		return p, nil
	case reflect.Interface:
		g := generic(v)
		if g == nil {
			return reflect.Zero(t), nil
		}
		gv := reflect.ValueOf(g)
		if !gv.Type().AssignableTo(t) {
			return bad()
		}
		r := reflect.New(t).Elem()
		r.Set(gv)
		return r, nil
	case reflect.String:
		s, ok := v.(string)
		if !ok {
			return bad()
		}
		return reflect.ValueOf(s).Convert(t), nil
	case reflect.Bool:
		b, ok := v.(bool)
		if !ok {
			return bad()
		}
		return reflect.ValueOf(b).Convert(t), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		b, ok := toBig(v)
		if !ok || !b.IsInt64() {
			return bad()
		}
		r := reflect.New(t).Elem()
		if r.OverflowInt(b.Int64()) {
			return bad()
		}
		r.SetInt(b.Int64())
		return r, nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		b, ok := toBig(v)
		if !ok || !b.IsUint64() {
			return bad()
		}
		r := reflect.New(t).Elem()
		if r.OverflowUint(b.Uint64()) {
			return bad()
		}
		r.SetUint(b.Uint64())
		return r, nil
	case reflect.Float32, reflect.Float64:
		var f float64
		switch x := v.(type) {
		case json.Number:
			var err error
			if f, err = strconv.ParseFloat(string(x), 64); err != nil {
				return bad()
			}
		case float64:
			f = x
		case *big.Int:
			f, _ = new(big.Float).SetInt(x).Float64()
		default:
			return bad()
		}
		return reflect.ValueOf(f).Convert(t), nil
	case reflect.Slice, reflect.Array:
		if b, ok := v.([]byte); ok && t.Elem().Kind() == reflect.Uint8 {
			if t.Kind() == reflect.Slice {
				return reflect.ValueOf(b).Convert(t), nil
			}
			v = bytesToList(b)
		}
		list, ok := v.([]any)
		if !ok {
			return bad()
		}
		var r reflect.Value
		if t.Kind() == reflect.Slice {
			r = reflect.MakeSlice(t, len(list), len(list))
		} else {
			if len(list) != t.Len() {
				return bad()
			}
			r = reflect.New(t).Elem()
		}
		for i, x := range list {
			e, err := convert(x, t.Elem(), fmt.Sprintf("%s[%d]", where, i))
			if err != nil {
				return e, err
			}
			r.Index(i).Set(e)
		}
		return r, nil
	case reflect.Map:
		m, ok := v.(map[string]any)
		if !ok || t.Key().Kind() != reflect.String {
			return bad()
		}
		r := reflect.MakeMapWithSize(t, len(m))
		for k, x := range m {
			e, err := convert(x, t.Elem(), fmt.Sprintf("%s[%q]", where, k))
			if err != nil {
				return e, err
			}
			r.SetMapIndex(reflect.ValueOf(k).Convert(t.Key()), e)
		}
		return r, nil
	case reflect.Struct:
		if t == timeType {
			s, ok := v.(string)
			tm, err := time.Parse(time.RFC3339Nano, s)
			if !ok || err != nil {
				return bad()
			}
			return reflect.ValueOf(tm), nil
		}
		m, ok := v.(map[string]any)
		if !ok {
			return bad()
		}
		r := reflect.New(t).Elem()
		for k, x := range m {
			i := fieldFor(t, k)
			if i < 0 {
				continue // keys the struct does not know are ignored, as encoding/json does
			}
			e, err := convert(x, t.Field(i).Type, fmt.Sprintf("%s.%s", where, k))
			if err != nil {
				return e, err
			}
			r.Field(i).Set(e)
		}
		return r, nil
	}
	return bad()
}

func bytesToList(b []byte) []any {
	l := make([]any, len(b))
	for i, x := range b {
		l[i] = json.Number(strconv.Itoa(int(x)))
	}
	return l
}

func toBig(v any) (*big.Int, bool) {
	switch x := v.(type) {
	case *big.Int:
		return x, true
	case json.Number:
		if b, ok := new(big.Int).SetString(string(x), 10); ok {
			return b, true
		}
		f, err := strconv.ParseFloat(string(x), 64)
		if err != nil || f != math.Trunc(f) || math.IsInf(f, 0) {
			return nil, false
		}
		b, _ := new(big.Float).SetFloat64(f).Int(nil)
		return b, true
	case float64:
		if x != math.Trunc(x) || math.IsInf(x, 0) || math.IsNaN(x) {
			return nil, false
		}
		b, _ := new(big.Float).SetFloat64(x).Int(nil)
		return b, true
	}
	return nil, false
}

// generic: the value an `any` parameter receives (int64 for integers, float64 otherwise).
func generic(v any) any {
	switch x := v.(type) {
	case json.Number:
		if i, err := strconv.ParseInt(string(x), 10, 64); err == nil {
			return int(i)
		}
		if b, ok := new(big.Int).SetString(string(x), 10); ok {
			return b
		}
		f, _ := strconv.ParseFloat(string(x), 64)
		return f
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = generic(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = generic(e)
		}
		return out
	}
	return v
}

// retag turns decoded tags back into protocol JSON (for json.Unmarshaler parameters).
func retag(v any) any {
	switch x := v.(type) {
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = retag(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = retag(e)
		}
		return out
	case *big.Int:
		return json.Number(x.String())
	case []byte:
		return base64.StdEncoding.EncodeToString(x)
	}
	return v
}

func describe(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case json.Number, float64, *big.Int:
		return "a number"
	case bool:
		return "a boolean"
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	case []byte:
		return "bytes"
	}
	return fmt.Sprintf("%T", v)
}

// A field for an object key: its json tag, its exact name, its snake_case form, or the same
// letters ignoring case and `_` (max_len → MaxLen, url_path → URLPath).
func fieldFor(t reflect.Type, key string) int {
	loose := strings.ToLower(strings.ReplaceAll(key, "_", ""))
	best := -1
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		if tag := strings.Split(f.Tag.Get("json"), ",")[0]; tag != "" && tag != "-" {
			if tag == key {
				return i
			}
			continue
		}
		if f.Name == key || snake(f.Name) == key {
			return i
		}
		if best < 0 && strings.ToLower(f.Name) == loose {
			best = i
		}
	}
	return best
}

func snake(name string) string {
	var b strings.Builder
	rs := []rune(name)
	for i, r := range rs {
		if unicode.IsUpper(r) {
			if i > 0 && (unicode.IsLower(rs[i-1]) || unicode.IsDigit(rs[i-1]) || (i+1 < len(rs) && unicode.IsLower(rs[i+1]) && unicode.IsUpper(rs[i-1]))) {
				b.WriteByte('_')
			}
			b.WriteRune(unicode.ToLower(r))
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ---- encoding: Go values → protocol JSON (tags for what JSON cannot carry) ----

func encode(v any, depth int) (any, error) {
	if depth > 200 {
		return nil, errors.New("value nested too deeply (circular?)")
	}
	if v == nil {
		return nil, nil
	}
	switch x := v.(type) {
	case *big.Int:
		if x == nil {
			return nil, nil
		}
		if x.IsInt64() && x.Int64() <= maxSafe && x.Int64() >= -maxSafe {
			return x.Int64(), nil
		}
		return map[string]any{"$ghost": "bigint", "value": x.String()}, nil
	case big.Int:
		return encode(&x, depth)
	case time.Time:
		return x.Format(time.RFC3339Nano), nil
	case []byte:
		return map[string]any{"$ghost": "bytes", "base64": base64.StdEncoding.EncodeToString(x)}, nil
	case error:
		return x.Error(), nil
	case json.Marshaler:
		raw, err := x.MarshalJSON()
		if err != nil {
			return nil, err
		}
		d := json.NewDecoder(strings.NewReader(string(raw)))
		d.UseNumber()
		var plain any
		if err := d.Decode(&plain); err != nil {
			return nil, err
		}
		return escapeJSON(plain), nil
	}
	r := reflect.ValueOf(v)
	switch r.Kind() {
	case reflect.Pointer, reflect.Interface:
		if r.IsNil() {
			return nil, nil
		}
		return encode(r.Elem().Interface(), depth+1)
	case reflect.String:
		return r.String(), nil
	case reflect.Bool:
		return r.Bool(), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		i := r.Int()
		if i > maxSafe || i < -maxSafe {
			return map[string]any{"$ghost": "bigint", "value": strconv.FormatInt(i, 10)}, nil
		}
		return i, nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		u := r.Uint()
		if u > maxSafe {
			return map[string]any{"$ghost": "bigint", "value": strconv.FormatUint(u, 10)}, nil
		}
		return u, nil
	case reflect.Float32, reflect.Float64:
		f := r.Float()
		switch {
		case math.IsNaN(f):
			return map[string]any{"$ghost": "nan"}, nil
		case math.IsInf(f, 1):
			return map[string]any{"$ghost": "inf"}, nil
		case math.IsInf(f, -1):
			return map[string]any{"$ghost": "-inf"}, nil
		}
		if f == math.Trunc(f) && math.Abs(f) <= maxSafe {
			return int64(f), nil
		}
		return f, nil
	case reflect.Slice, reflect.Array:
		if r.Type().Elem().Kind() == reflect.Uint8 && r.Kind() == reflect.Slice {
			return encode(r.Bytes(), depth)
		}
		out := make([]any, r.Len())
		for i := range out {
			e, err := encode(r.Index(i).Interface(), depth+1)
			if err != nil {
				return nil, err
			}
			out[i] = e
		}
		return out, nil
	case reflect.Map:
		out := make(map[string]any, r.Len())
		keys := r.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return fmt.Sprint(keys[i].Interface()) < fmt.Sprint(keys[j].Interface()) })
		for _, k := range keys {
			e, err := encode(r.MapIndex(k).Interface(), depth+1)
			if err != nil {
				return nil, err
			}
			out[fmt.Sprint(k.Interface())] = e
		}
		return escapeObject(out), nil
	case reflect.Struct:
		out := map[string]any{}
		t := r.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name := snake(f.Name)
			parts := strings.Split(f.Tag.Get("json"), ",")
			if parts[0] == "-" {
				continue
			}
			if parts[0] != "" {
				name = parts[0]
			}
			fv := r.Field(i)
			if len(parts) > 1 && parts[1] == "omitempty" && fv.IsZero() {
				continue
			}
			e, err := encode(fv.Interface(), depth+1)
			if err != nil {
				return nil, err
			}
			out[name] = e
		}
		return escapeObject(out), nil
	case reflect.Func, reflect.Chan, reflect.UnsafePointer, reflect.Complex64, reflect.Complex128:
		return nil, fmt.Errorf("cannot encode a %s", r.Kind())
	}
	return nil, fmt.Errorf("cannot encode %T", v)
}
