# ghost conformance driver for Ruby (protocol v1, docs/driver-protocol.md).
#
# Loads an implementation file (GHOST_ENTRY, e.g. lib/semver.rb) and serves JSON-line requests.
# Functions are module functions (`module_function`, `def self.x`) of the modules the entry
# defines, or top-level methods. Options hashes get string keys, or symbol keys when the method
# takes keyword arguments or its source reads `opts[:key]` / `fetch(:key)` (GHOST_KEY_STYLE,
# from ghost.json `keyStyle`, overrides). The protocol runs on private duplicates of fds 0 and
# 1; fd 0 becomes /dev/null and fds 1 and 2 an unlinked capture file.
# Standard library only; everything is required before the implementation loads.
require 'json'
require 'base64'
require 'set'
require 'time'
require 'tempfile'

OUTPUT_LIMIT = 64 * 1024
LINE_LIMIT = 16 * 1024 * 1024
SAFE_INT = 2**53 - 1

PROTO_IN = IO.for_fd(STDIN.fileno).dup
PROTO_OUT = IO.for_fd(STDOUT.fileno).dup
PROTO_OUT.sync = true
STDIN.reopen(File::NULL)
CAPTURE = begin
  f = Tempfile.create('ghost-ruby-capture')
  File.unlink(f.path)
  STDOUT.reopen(f)
  STDERR.reopen(f)
  STDOUT.sync = true
  STDERR.sync = true
  f
rescue StandardError
  nil
end

def send_message(obj)
  line = JSON.generate(obj)
  if line.bytesize > LINE_LIMIT
    line = JSON.generate({ id: obj[:id], ok: false, error: { kind: 'ResultTooLarge', message: "the response is #{line.bytesize} bytes" } })
  end
  PROTO_OUT.write(line, "\n")
end

def fail_load(kind, message)
  send_message({ ghost: 'driver', protocol: 1, language: 'ruby', error: { kind: kind, message: message.to_s[0, 4000] } })
  exit!(1)
end

def env_json(name, fallback)
  raw = ENV[name]
  raw.nil? || raw.empty? ? fallback : JSON.parse(raw)
rescue JSON::ParserError
  fail_load('DriverConfigError', "#{name} is not valid JSON")
end

def snake(name)
  name.gsub(/([a-z0-9])([A-Z])/, '\1_\2').downcase
end

def loose(name)
  name.to_s.delete('_').downcase
end

# ------------------------------------------------------------------ loading

IMPL = File.expand_path(ENV['GHOST_IMPL_DIR'] || Dir.pwd)
ENTRY = ENV['GHOST_ENTRY'].to_s
KEY_STYLE = ENV['GHOST_KEY_STYLE'].to_s
[File.join(IMPL, 'lib'), IMPL].each { |d| $LOAD_PATH.unshift(d) if File.directory?(d) }

entry_file = if ENTRY.empty?
               candidates = Dir[File.join(IMPL, 'lib', '*.rb')] + Dir[File.join(IMPL, '*.rb')]
               candidates.first
             else
               File.expand_path(ENTRY, IMPL)
             end
fail_load('EntryNotFound', "no Ruby entry file #{ENTRY.empty? ? '(lib/*.rb or *.rb)' : ENTRY} in #{IMPL}") unless entry_file && File.file?(entry_file)

before_constants = Object.constants
before_methods = Object.private_instance_methods(false) + Object.public_instance_methods(false)
begin
  Dir.chdir(IMPL) { require entry_file }
rescue Exception => e # rubocop:disable Lint/RescueException -- SyntaxError, LoadError, exit: all load failures
  fail_load(e.class.name || 'LoadError', "#{e.message}\n#{(e.backtrace || []).first(5).join("\n")}")
end

# Modules the entry defined: the one named like the file first (semver.rb → Semver), then the
# rest in definition order; nested modules of those too.
base = File.basename(entry_file, '.rb')
pascal = base.split(/[^A-Za-z0-9]+/).map(&:capitalize).join
defined = (Object.constants - before_constants).map { |c| Object.const_get(c) }.select { |m| m.is_a?(Module) }
nested = defined.flat_map { |m| m.constants.map { |c| m.const_get(c) rescue nil }.select { |x| x.is_a?(Module) } }
MODULES = (defined + nested).uniq.sort_by { |m| m.name == pascal ? 0 : 1 }
TOP_LEVEL = (Object.private_instance_methods(false) + Object.public_instance_methods(false)) - before_methods

# A callable for a method name: [receiver, Method] or nil.
def find_callable(name)
  MODULES.each do |m|
    return [m, m.method(name)] if m.singleton_methods.include?(name.to_sym) || (m.respond_to?(name) && m.method(name).owner != Kernel && m.method(name).owner != Module && m.method(name).owner != Object)
  end
  return [TOPLEVEL_BINDING.receiver, TOPLEVEL_BINDING.receiver.method(name)] if TOP_LEVEL.include?(name.to_sym)

  nil
end

def all_names
  (MODULES.flat_map(&:singleton_methods) + TOP_LEVEL).map(&:to_s).uniq
end

def resolve(spec_name, name_map)
  mapped = name_map[spec_name]
  if mapped
    if mapped.include?('.')
      mod_name, _, meth = mapped.rpartition('.')
      mod = Object.const_get(mod_name) rescue nil
      return [mapped, [mod, mod.method(meth)]] if mod.respond_to?(meth)
    elsif (c = find_callable(mapped))
      return [mapped, c]
    end
  end
  [spec_name, snake(spec_name)].uniq.each { |n| (c = find_callable(n)) && (return [n, c]) }
  other = all_names.find { |n| loose(n) == loose(spec_name) }
  other && (c = find_callable(other)) ? [other, c] : nil
end

name_map = env_json('GHOST_NAME_MAP', {})
spec_names = env_json('GHOST_FUNCTIONS', [])
spec_names = all_names if spec_names.empty?
FUNCTIONS = {}
spec_names.each do |n|
  found = resolve(n, name_map)
  FUNCTIONS[n] = found if found
end

# ------------------------------------------------------------------ options hash keys

# :symbol when the method takes keywords or its source reads options by symbol, else :string.
def key_style(method)
  return KEY_STYLE.to_sym unless KEY_STYLE.empty?
  return :symbol if method.parameters.any? { |kind, _| %i[key keyreq keyrest].include?(kind) }

  file, line = method.source_location
  return :string unless file && File.file?(file)

  lines = File.readlines(file)[(line - 1)..] || []
  indent = lines.first[/\A\s*/].size
  body = [lines.first]
  lines.drop(1).each do |l|
    body << l
    break if l =~ /\A\s{#{indent}}end\b/
  end
  text = body.join
  return :symbol if text =~ /\[:\w+\]|fetch\(\s*:\w+|key\?\(\s*:\w+|\w+:\s*\w+\s*=\s*\w+\[:\w+\]/
  return :symbol if text =~ /\{\s*\w+:\s/ && text =~ /\.merge\(/

  :string
end

KEY_STYLES = {}

def symbolize(value)
  value.each_with_object({}) { |(k, v), h| h[k.to_sym] = v }
end

# ------------------------------------------------------------------ values

def decode(value)
  case value
  when Array then value.map { |v| decode(v) }
  when Hash
    tag = value['$ghost']
    if tag.is_a?(String)
      case tag
      when 'nan' then Float::NAN
      when 'inf' then Float::INFINITY
      when '-inf' then -Float::INFINITY
      when 'bigint' then Integer(value['value'], 10)
      when 'bytes' then Base64.strict_decode64(value['base64']).b
      # an escaped user hash that has a `$ghost` key of its own: its entries, literally
      when 'object' then decode_entries(value['value'].is_a?(Hash) ? value['value'] : {})
      else decode_entries(value) # an unknown tag is a plain object
      end
    else
      decode_entries(value)
    end
  else value
  end
end

def decode_entries(hash)
  hash.each_with_object({}) { |(k, v), h| h[k] = decode(v) }
end

# A result hash with a `$ghost` key of its own would read as a tag (a returned
# {'$ghost' => 'nan'} as NaN): it travels escaped, as {'$ghost' => 'object', 'value' => {...}}.
def escape_object(hash)
  hash.key?('$ghost') ? { '$ghost' => 'object', 'value' => hash } : hash
end

class Unserializable < StandardError; end

def encode(value, depth = 0)
  raise Unserializable, 'value nested too deeply (circular?)' if depth > 1000

  case value
  when nil, true, false then value
  when Integer then value.abs > SAFE_INT ? { '$ghost' => 'bigint', 'value' => value.to_s } : value
  when Float
    return { '$ghost' => 'nan' } if value.nan?
    return { '$ghost' => value.positive? ? 'inf' : '-inf' } if value.infinite?

    value
  when Rational then encode(value.denominator == 1 ? value.to_i : value.to_f, depth)
  when String
    return { '$ghost' => 'bytes', 'base64' => Base64.strict_encode64(value) } if value.encoding == Encoding::BINARY

    value.encode('UTF-8', invalid: :replace, undef: :replace)
  when Symbol then value.to_s
  when Hash then escape_object(value.each_with_object({}) { |(k, v), h| h[k.to_s] = encode(v, depth + 1) })
  when Array then value.map { |v| encode(v, depth + 1) }
  when Set then encode(value.to_a.sort, depth) rescue encode(value.to_a, depth)
  when Time then value.iso8601(3)
  when Struct then encode(value.to_h, depth)
  when Exception then value.message
  when Proc, Method, IO then raise Unserializable, "cannot encode a #{value.class}"
  else
    return encode(value.to_h, depth) if value.respond_to?(:to_h)
    raise Unserializable, "cannot encode a #{value.class}" if value.instance_variables.empty?

    escape_object(value.instance_variables.each_with_object({}) { |iv, h| h[iv.to_s.delete('@')] = encode(value.instance_variable_get(iv), depth + 1) })
  end
end

def error_kind(err)
  klass = err.class
  klass = klass.superclass while klass.name.nil?
  klass.name.split('::').last
end

# ------------------------------------------------------------------ calls

def call(spec_name, args)
  _, (receiver, method) = FUNCTIONS[spec_name]
  params = method.parameters
  positional = params.count { |k, _| %i[req opt].include?(k) }
  rest = params.any? { |k, _| k == :rest }
  args = args.dup
  args.pop while !rest && args.size > positional && args.last.nil?
  style = (KEY_STYLES[spec_name] ||= key_style(method))
  keywords = params.any? { |k, _| %i[key keyreq keyrest].include?(k) }
  if keywords && args.size > positional && args.last.is_a?(Hash)
    return receiver.__send__(method.name, *args[0...-1], **symbolize(args.last))
  end

  args = args.map { |a| a.is_a?(Hash) ? symbolize(a) : a } if style == :symbol
  receiver.__send__(method.name, *args)
end

def captured
  return nil unless CAPTURE

  STDOUT.flush
  STDERR.flush
  size = CAPTURE.size
  return nil if size.zero?

  text = CAPTURE.pread([size, OUTPUT_LIMIT].min, 0)
  text.force_encoding('UTF-8').scrub
end

send_message({ ghost: 'driver', protocol: 1, language: 'ruby', entry: entry_file.delete_prefix("#{IMPL}/"), functions: FUNCTIONS.transform_values(&:first) })

while (line = PROTO_IN.gets)
  next if line.strip.empty?

  begin
    req = JSON.parse(line)
    raise JSON::ParserError, 'not an object' unless req.is_a?(Hash)
  rescue JSON::ParserError => e
    send_message({ id: nil, ok: false, error: { kind: 'ProtocolError', message: e.message } })
    next
  end
  id = req['id']
  unless FUNCTIONS.key?(req['fn'])
    send_message({ id: id, ok: false, error: { kind: 'FunctionNotFound', message: "no function for #{req['fn'].inspect}" } })
    next
  end
  begin
    args = decode(req['args'] || [])
  rescue ArgumentError => e
    send_message({ id: id, ok: false, error: { kind: 'ProtocolError', message: e.message } })
    next
  end
  CAPTURE&.truncate(0)
  $stdout = STDOUT
  $stderr = STDERR
  response = { id: id }
  begin
    value = call(req['fn'], args)
    response[:ok] = true
    response[:value] = encode(value)
  rescue Unserializable => e
    response = { id: id, ok: false, error: { kind: 'UnserializableResult', message: e.message } }
  rescue Exception => e # rubocop:disable Lint/RescueException -- SystemExit, ScriptError, …: the implementation's
    response = { id: id, ok: false, error: { kind: error_kind(e), message: e.message, trace: (e.backtrace || []).first(10).join("\n") } }
  end
  out = captured
  response[:output] = out if out && !out.empty?
  send_message(response)
end
PROTO_OUT.flush
exit!(0)
