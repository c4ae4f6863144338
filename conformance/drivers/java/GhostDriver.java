// ghost conformance driver for Java (protocol v1, docs/driver-protocol.md).
//
// Started by driver.sh, which compiles this file once. GhostDriver compiles the
// implementation's sources with the in-process javac into $GHOST_IMPL_DIR/.ghost-build/
// (keyed by a hash of the sources), loads them in their own class loader, finds the entry class
// and serves JSON-line requests on stdin/stdout by reflection. Standard library only (a small
// JSON parser and serializer are included). System.out/System.err are captured during calls;
// the protocol is written to the original stdout.

import java.io.*;
import java.lang.reflect.*;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.*;
import java.security.MessageDigest;
import java.security.Permission;
import java.util.*;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.*;

public final class GhostDriver {
    static final String LANGUAGE = "java";
    static final int OUTPUT_LIMIT = 64 * 1024;
    static final int LINE_LIMIT = 16 * 1024 * 1024;
    static final int MAX_DEPTH = 2000;
    static final long SAFE = (1L << 53) - 1;

    static OutputStream proto;
    static PrintStream realErr;
    static final Capture capture = new Capture();
    static final PrintStream CAPTURE_STREAM = new PrintStream(capture, true, StandardCharsets.UTF_8);
    static volatile boolean inCall = false;
    static volatile boolean allowExit = false;

    // ------------------------------------------------------------------ entry point

    public static void main(String[] argv) throws Exception {
        proto = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        realErr = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(new FileInputStream(FileDescriptor.in), StandardCharsets.UTF_8), 1 << 16);
        System.setOut(CAPTURE_STREAM);
        System.setErr(CAPTURE_STREAM);
        System.setIn(new ByteArrayInputStream(new byte[0]));
        installExitGuard();

        Map<String, Target> table;
        String entryName;
        try {
            Loaded loaded = load();
            table = loaded.table;
            entryName = loaded.entry;
        } catch (Throwable t) {
            String early = capture.take();
            if (!early.isEmpty()) log("output while loading:\n" + early);
            Map<String, Object> err = new LinkedHashMap<>();
            if (t instanceof LoadError) {
                err.put("kind", ((LoadError) t).kind);
                err.put("message", t.getMessage());
            } else {
                Throwable u = unwrap(t);
                err.put("kind", kindOf(u));
                err.put("message", String.valueOf(u.getMessage()));
            }
            Map<String, Object> hello = new LinkedHashMap<>();
            hello.put("ghost", "driver");
            hello.put("protocol", 1L);
            hello.put("language", LANGUAGE);
            hello.put("error", err);
            send(Json.write(hello));
            exit(1);
            return;
        }
        String early = capture.take();
        if (!early.isEmpty()) log("output while loading the implementation:\n" + early);
        Map<String, Object> fns = new LinkedHashMap<>();
        for (Map.Entry<String, Target> e : table.entrySet()) fns.put(e.getKey(), e.getValue().name);
        Map<String, Object> hello = new LinkedHashMap<>();
        hello.put("ghost", "driver");
        hello.put("protocol", 1L);
        hello.put("language", LANGUAGE);
        hello.put("entry", entryName);
        hello.put("functions", fns);
        send(Json.write(hello));

        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) continue;
            String response;
            try {
                response = handle(line, table);
            } catch (Throwable t) {
                response = "{\"id\":null,\"ok\":false,\"error\":{\"kind\":\"ProtocolError\",\"message\":" + Json.quote("driver failure: " + t) + "}}";
            }
            send(response);
        }
        exit(0);
    }

    static void exit(int code) {
        try {
            proto.flush();
        } catch (IOException ignored) {
        }
        allowExit = true;
        // halt: neither wait for threads the implementation left running nor run its hooks.
        Runtime.getRuntime().halt(code);
    }

    static void send(String line) throws IOException {
        proto.write(line.getBytes(StandardCharsets.UTF_8));
        proto.write('\n');
        proto.flush();
    }

    static void log(String msg) {
        realErr.println("[ghost java driver] " + msg);
    }

    static final class ExitAttempt extends SecurityException {
        ExitAttempt(int status) {
            super("System.exit(" + status + ") called by the implementation");
        }
    }

    @SuppressWarnings({"removal", "deprecation"})
    static void installExitGuard() {
        // Java 17-23 print a deprecation warning on stderr for setSecurityManager, through
        // System.initialErrStream; silence it when driver.sh opened java.lang to us.
        Field warn = null;
        Object saved = null;
        try {
            warn = System.class.getDeclaredField("initialErrStream");
            warn.setAccessible(true);
            saved = warn.get(null);
            warn.set(null, new PrintStream(OutputStream.nullOutputStream()));
        } catch (Throwable t) {
            warn = null;
        }
        try {
            System.setSecurityManager(new SecurityManager() {
                @Override public void checkPermission(Permission perm) {}
                @Override public void checkPermission(Permission perm, Object context) {}
                @Override public void checkExit(int status) {
                    if (!allowExit) {
                        if (inCall) throw new ExitAttempt(status);
                        throw new SecurityException("System.exit outside a call ignored");
                    }
                }
            });
        } catch (Throwable t) {
            // Java 18+ without -Djava.security.manager=allow, or 24+: System.exit kills the
            // driver and the runner reports a crash.
        } finally {
            if (warn != null) {
                try {
                    warn.set(null, saved);
                } catch (Throwable ignored) {
                }
            }
        }
    }

    // ------------------------------------------------------------------ output capture

    static final class Capture extends OutputStream {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        private long dropped = 0;

        @Override public synchronized void write(int b) {
            if (buf.size() < OUTPUT_LIMIT) buf.write(b);
            else dropped++;
        }

        @Override public synchronized void write(byte[] b, int off, int len) {
            int room = OUTPUT_LIMIT - buf.size();
            if (room >= len) buf.write(b, off, len);
            else {
                if (room > 0) buf.write(b, off, room);
                dropped += len - Math.max(room, 0);
            }
        }

        synchronized String take() {
            String s = buf.toString(StandardCharsets.UTF_8);
            if (dropped > 0) s += "\n[ghost: output truncated, " + dropped + " more bytes]";
            buf.reset();
            dropped = 0;
            return s;
        }
    }

    // ------------------------------------------------------------------ loading

    static final class LoadError extends Exception {
        final String kind;

        LoadError(String kind, String message) {
            super(message);
            this.kind = kind;
        }
    }

    static final class Target {
        final String name;
        final List<Method> overloads;
        final Class<?> owner;
        final boolean instance;
        Object receiver;

        Target(String name, List<Method> overloads, Class<?> owner, boolean instance) {
            this.name = name;
            this.overloads = overloads;
            this.owner = owner;
            this.instance = instance;
        }
    }

    static final class Loaded {
        Map<String, Target> table;
        String entry;
    }

    static List<String> parseStringList(String raw) throws LoadError {
        if (raw == null || raw.isBlank()) return new ArrayList<>();
        Object v;
        try {
            v = Json.parse(raw);
        } catch (RuntimeException e) {
            throw new LoadError("DriverConfigError", "GHOST_FUNCTIONS is not valid JSON: " + e.getMessage());
        }
        if (!(v instanceof List)) throw new LoadError("DriverConfigError", "GHOST_FUNCTIONS must be a JSON list");
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) v) if (o instanceof String) out.add((String) o);
        return out;
    }

    static Map<String, String> parseNameMap(String raw) throws LoadError {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isBlank()) return out;
        Object v;
        try {
            v = Json.parse(raw);
        } catch (RuntimeException e) {
            throw new LoadError("DriverConfigError", "GHOST_NAME_MAP is not valid JSON: " + e.getMessage());
        }
        if (v instanceof Map) for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) if (e.getValue() instanceof String) out.put((String) e.getKey(), (String) e.getValue());
        return out;
    }

    static final Set<String> SKIP_DIRS = Set.of(".ghost-build", ".git", "node_modules", "target", "build", "out", "test", "tests", "bin");

    static List<Path> collectSources(Path impl) throws IOException {
        Path root = impl.resolve("src/main/java");
        if (!Files.isDirectory(root)) root = impl;
        final Path base = root;
        List<Path> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(base)) {
            walk.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p)).forEach(p -> {
                Path rel = base.relativize(p);
                for (int i = 0; i < rel.getNameCount() - 1; i++) {
                    String part = rel.getName(i).toString();
                    if (SKIP_DIRS.contains(part) || part.startsWith(".")) return;
                    if (part.equals("src") && i + 1 < rel.getNameCount() - 1 && rel.getName(i + 1).toString().equals("test")) return;
                }
                out.add(p);
            });
        }
        out.removeIf(p -> {
            try {
                String text = Files.readString(p, StandardCharsets.UTF_8);
                return text.contains("import org.junit") || text.contains("import static org.junit") || text.contains("import org.testng");
            } catch (IOException e) {
                return false;
            }
        });
        Collections.sort(out);
        return out;
    }

    static String hash(Path impl, List<Path> sources, List<Path> jars) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(System.getProperty("java.version", "").getBytes(StandardCharsets.UTF_8));
        for (Path p : sources) {
            md.update(impl.relativize(p).toString().getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(Files.readAllBytes(p));
            md.update((byte) 0);
        }
        for (Path j : jars) {
            md.update(j.toString().getBytes(StandardCharsets.UTF_8));
            md.update(Long.toString(Files.size(j)).getBytes(StandardCharsets.UTF_8));
            md.update(Long.toString(Files.getLastModifiedTime(j).toMillis()).getBytes(StandardCharsets.UTF_8));
        }
        StringBuilder sb = new StringBuilder();
        for (byte b : md.digest()) sb.append(String.format("%02x", b));
        return sb.substring(0, 16);
    }

    static void deleteTree(Path p) {
        try (Stream<Path> walk = Files.walk(p)) {
            walk.sorted(Comparator.reverseOrder()).forEach(q -> {
                try {
                    Files.deleteIfExists(q);
                } catch (IOException ignored) {
                }
            });
        } catch (IOException ignored) {
        }
    }

    static Path compile(Path impl, List<Path> sources, List<Path> jars) throws Exception {
        String key = hash(impl, sources, jars);
        Path cacheRoot = impl.resolve(".ghost-build");
        try {
            Files.createDirectories(cacheRoot);
            if (!Files.isWritable(cacheRoot)) throw new IOException("not writable");
        } catch (IOException e) {
            cacheRoot = Paths.get(System.getProperty("java.io.tmpdir"), "ghost-build-" + Integer.toHexString(impl.toString().hashCode()));
            Files.createDirectories(cacheRoot);
        }
        Path classes = cacheRoot.resolve("impl-" + key);
        if (Files.isRegularFile(classes.resolve(".ok"))) return classes;
        // Parallel drivers start together: one compiles, the others wait and reuse its build.
        // (An OS file lock: released even when a driver is killed mid-compile.)
        try (java.nio.channels.FileChannel lockFile = java.nio.channels.FileChannel.open(cacheRoot.resolve("impl.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             java.nio.channels.FileLock lock = lockFile.lock()) {
            if (Files.isRegularFile(classes.resolve(".ok"))) return classes;
            return compileLocked(impl, sources, jars, key, cacheRoot, classes);
        } catch (IOException | OverlappingFileLockException e) {
            return compileLocked(impl, sources, jars, key, cacheRoot, classes);
        }
    }

    static Path compileLocked(Path impl, List<Path> sources, List<Path> jars, String key, Path cacheRoot, Path classes) throws Exception {

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) throw new LoadError("JavacUnavailable", "no Java compiler in this runtime (a JDK is needed, not just a JRE)");
        Path tmp = Files.createTempDirectory(cacheRoot, "impl-tmp-");
        DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
        boolean ok;
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diags, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> opts = new ArrayList<>(List.of("-d", tmp.toString(), "-encoding", "UTF-8", "-nowarn", "-Xlint:none", "-proc:none", "-parameters", "-g"));
            if (!jars.isEmpty()) {
                StringJoiner cp = new StringJoiner(File.pathSeparator);
                for (Path j : jars) cp.add(j.toString());
                opts.add("-cp");
                opts.add(cp.toString());
            }
            Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromPaths(sources);
            StringWriter extra = new StringWriter();
            ok = javac.getTask(extra, fm, diags, opts, null, units).call();
        }
        if (!ok) {
            deleteTree(tmp);
            StringBuilder sb = new StringBuilder();
            int n = 0;
            for (Diagnostic<? extends JavaFileObject> d : diags.getDiagnostics()) {
                if (d.getKind() != Diagnostic.Kind.ERROR) continue;
                if (n++ >= 20) break;
                String file = d.getSource() == null ? "" : impl.relativize(Paths.get(d.getSource().toUri())).toString();
                sb.append(file).append(':').append(d.getLineNumber()).append(": ").append(d.getMessage(Locale.ROOT)).append('\n');
            }
            String msg = sb.toString().trim();
            if (msg.length() > 4000) msg = msg.substring(0, 4000) + "...";
            throw new LoadError("CompileError", msg.isEmpty() ? "javac failed" : msg);
        }
        Files.writeString(tmp.resolve(".ok"), key);
        try {
            Files.move(tmp, classes, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteTree(tmp); // another driver finished the same build first
            if (!Files.isRegularFile(classes.resolve(".ok"))) throw e;
        }
        // Drop builds of older sources.
        try (DirectoryStream<Path> old = Files.newDirectoryStream(cacheRoot, "impl-*")) {
            long stale = System.currentTimeMillis() - 10 * 60 * 1000;
            for (Path p : old) {
                if (p.equals(classes)) continue;
                // another driver's build in progress (or one killed mid-compile, once stale)
                if (p.getFileName().toString().startsWith("impl-tmp-") && Files.getLastModifiedTime(p).toMillis() > stale) continue;
                deleteTree(p);
            }
        } catch (IOException ignored) {
        }
        return classes;
    }

    static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");

    static String classNameOfSource(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Matcher m = PACKAGE.matcher(text);
        String stem = file.getFileName().toString().replaceFirst("\\.java$", "");
        return m.find() ? m.group(1) + "." + stem : stem;
    }

    static Loaded load() throws Exception {
        String implEnv = System.getenv("GHOST_IMPL_DIR");
        Path impl = Paths.get(implEnv == null || implEnv.isBlank() ? "." : implEnv).toAbsolutePath().normalize();
        List<String> functions = parseStringList(System.getenv("GHOST_FUNCTIONS"));
        Map<String, String> nameMap = parseNameMap(System.getenv("GHOST_NAME_MAP"));
        String entry = Optional.ofNullable(System.getenv("GHOST_ENTRY")).orElse("").trim();

        List<Path> sources = collectSources(impl);
        if (sources.isEmpty()) throw new LoadError("EntryNotFound", "no .java sources in " + impl);
        List<Path> jars = new ArrayList<>();
        Path lib = impl.resolve("lib");
        if (Files.isDirectory(lib)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(lib, "*.jar")) {
                for (Path j : ds) jars.add(j);
            }
            Collections.sort(jars);
        }
        Path classes = compile(impl, sources, jars);
        List<URL> urls = new ArrayList<>();
        urls.add(classes.toUri().toURL());
        for (Path j : jars) urls.add(j.toUri().toURL());
        ClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());

        List<Class<?>> all = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(classes)) {
            List<Path> files = new ArrayList<>();
            walk.filter(p -> p.toString().endsWith(".class")).forEach(files::add);
            Collections.sort(files);
            for (Path f : files) {
                String rel = classes.relativize(f).toString();
                String name = rel.substring(0, rel.length() - ".class".length()).replace(File.separatorChar, '.');
                if (name.equals("module-info") || name.endsWith("package-info")) continue;
                try {
                    all.add(Class.forName(name, false, loader));
                } catch (Throwable ignored) {
                    // a class that cannot be linked is no entry candidate
                }
            }
        }
        List<Class<?>> topLevel = new ArrayList<>();
        for (Class<?> c : all) if (!c.getName().contains("$") && !c.isInterface() && !c.isAnnotation()) topLevel.add(c);

        Class<?> entryClass = null;
        if (!entry.isEmpty()) {
            String wanted = entry;
            Path asPath = impl.resolve(entry);
            if (entry.endsWith(".java") && Files.isRegularFile(asPath)) wanted = classNameOfSource(asPath);
            else if (entry.endsWith(".java")) wanted = entry.replaceFirst("\\.java$", "").replace('/', '.');
            for (Class<?> c : all) if (c.getName().equals(wanted)) entryClass = c;
            if (entryClass == null) for (Class<?> c : all) if (c.getSimpleName().equals(wanted) || c.getName().endsWith("." + wanted)) entryClass = c;
            if (entryClass == null) throw new LoadError("EntryNotFound", "entry class " + entry + " not found among the compiled classes");
        } else {
            int best = -1;
            for (Class<?> c : topLevel) {
                int score = 0;
                if (functions.isEmpty()) {
                    for (Method m : publicMethods(c, true)) if (!m.getName().equals("main")) score++;
                } else {
                    for (String f : functions) if (resolveIn(c, f, nameMap.get(f), true) != null) score++;
                }
                if (score > best) {
                    best = score;
                    entryClass = c;
                }
            }
            if (entryClass == null) throw new LoadError("EntryNotFound", "no class found in " + impl);
        }
        // Run the entry class's static initializer now, as a load error if it fails.
        Class.forName(entryClass.getName(), true, loader);

        List<String> names = new ArrayList<>(functions);
        if (names.isEmpty()) {
            for (Method m : publicMethods(entryClass, true)) if (!m.getName().equals("main") && !names.contains(m.getName())) names.add(m.getName());
        }
        Map<String, Target> table = new LinkedHashMap<>();
        for (String f : names) {
            Target t = resolveIn(entryClass, f, nameMap.get(f), true);
            if (t == null) t = resolveIn(entryClass, f, nameMap.get(f), false);
            if (t == null) {
                Target found = null;
                int count = 0;
                for (Class<?> c : all) {
                    if (c == entryClass) continue;
                    Target other = resolveIn(c, f, nameMap.get(f), true);
                    if (other != null) {
                        found = new Target(c.getSimpleName() + "." + other.name, other.overloads, c, false);
                        count++;
                    }
                }
                if (count == 1) t = found;
            }
            if (t != null) table.put(f, t);
        }
        Loaded l = new Loaded();
        l.table = table;
        l.entry = entryClass.getName();
        return l;
    }

    static List<Method> publicMethods(Class<?> c, boolean statics) {
        List<Method> out = new ArrayList<>();
        Method[] methods;
        try {
            methods = c.getMethods();
        } catch (Throwable t) {
            return out;
        }
        for (Method m : methods) {
            if (m.getDeclaringClass() == Object.class || m.isSynthetic() || m.isBridge()) continue;
            if (Modifier.isStatic(m.getModifiers()) != statics) continue;
            if (!statics && m.getDeclaringClass().isRecord() && m.getParameterCount() == 0) {
                // record accessors/equals/hashCode/toString are no library functions
            }
            out.add(m);
        }
        return out;
    }

    static String toCamel(String s) {
        StringBuilder sb = new StringBuilder();
        boolean up = false;
        for (char ch : s.toCharArray()) {
            if (ch == '_' || ch == '-') {
                up = sb.length() > 0;
                continue;
            }
            sb.append(up ? Character.toUpperCase(ch) : ch);
            up = false;
        }
        return sb.toString();
    }

    static String normalize(String s) {
        return s.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
    }

    static Target resolveIn(Class<?> c, String spec, String explicit, boolean statics) {
        List<Method> methods = publicMethods(c, statics);
        if (!statics) {
            boolean hasCtor = false;
            try {
                hasCtor = Modifier.isPublic(c.getModifiers()) && !Modifier.isAbstract(c.getModifiers()) && c.getConstructor() != null;
            } catch (NoSuchMethodException | SecurityException | LinkageError e) {
                hasCtor = false;
            }
            if (!hasCtor) return null;
        }
        List<String> tries = new ArrayList<>();
        if (explicit != null && !explicit.isEmpty()) {
            String e = explicit;
            int dot = e.lastIndexOf('.');
            if (dot >= 0) {
                String cls = e.substring(0, dot);
                if (!(c.getSimpleName().equals(cls) || c.getName().equals(cls))) e = null;
                else e = e.substring(dot + 1);
            }
            if (e != null) tries.add(e);
        }
        tries.add(spec);
        tries.add(toCamel(spec));
        for (String name : tries) {
            List<Method> found = new ArrayList<>();
            for (Method m : methods) if (m.getName().equals(name)) found.add(m);
            if (!found.isEmpty()) return new Target(name, found, c, !statics);
        }
        String norm = normalize(spec);
        List<Method> found = new ArrayList<>();
        String name = null;
        for (Method m : methods) {
            if (normalize(m.getName()).equals(norm) && (name == null || name.equals(m.getName()))) {
                name = m.getName();
                found.add(m);
            }
        }
        return found.isEmpty() ? null : new Target(name, found, c, !statics);
    }

    // ------------------------------------------------------------------ serving

    static String handle(String line, Map<String, Target> table) throws Exception {
        Object parsed;
        try {
            parsed = Json.parse(line);
        } catch (RuntimeException e) {
            return errorResponse(null, "ProtocolError", "request is not JSON: " + e.getMessage(), null, null);
        }
        if (!(parsed instanceof Map)) return errorResponse(null, "ProtocolError", "request is not a JSON object", null, null);
        Map<?, ?> req = (Map<?, ?>) parsed;
        Object id = req.get("id");
        Object fn = req.get("fn");
        Target target = fn instanceof String ? table.get(fn) : null;
        if (target == null) return errorResponse(id, "FunctionNotFound", "function " + Json.write(fn) + " not found in the implementation", null, null);
        Object rawArgs = req.containsKey("args") ? req.get("args") : new ArrayList<>();
        List<Object> args;
        if (rawArgs instanceof List) {
            @SuppressWarnings("unchecked") List<Object> l = (List<Object>) rawArgs;
            args = l;
        } else {
            args = new ArrayList<>();
            args.add(rawArgs);
        }

        capture.take(); // output printed between calls belongs to no case
        if (System.out != CAPTURE_STREAM) System.setOut(CAPTURE_STREAM); // the last call may have replaced them
        if (System.err != CAPTURE_STREAM) System.setErr(CAPTURE_STREAM);
        Object result;
        String value = null;
        String errKind = null, errMessage = null, errTrace = null;
        inCall = true;
        try {
            result = invoke(target, args);
            try {
                StringBuilder sb = new StringBuilder();
                encode(result, sb, new IdentityHashMap<>(), 0);
                value = sb.toString();
            } catch (Unserializable e) {
                errKind = "UnserializableResult";
                errMessage = e.getMessage();
            }
        } catch (ArgumentError e) {
            errKind = "IllegalArgumentException";
            errMessage = e.getMessage();
        } catch (Throwable t) {
            Throwable u = unwrap(t);
            errKind = u instanceof ExitAttempt ? "SystemExit" : kindOf(u);
            errMessage = u.getMessage() == null ? "" : u.getMessage();
            errTrace = trace(u);
        } finally {
            inCall = false;
        }
        String output = capture.take();
        if (value != null) {
            StringBuilder sb = new StringBuilder("{\"id\":").append(Json.write(id)).append(",\"ok\":true,\"value\":").append(value);
            if (!output.isEmpty()) sb.append(",\"output\":").append(Json.quote(output));
            sb.append('}');
            if (sb.length() > LINE_LIMIT) return errorResponse(id, "ResultTooLarge", "response of " + sb.length() + " characters exceeds the 16 MiB line limit", null, output);
            return sb.toString();
        }
        return errorResponse(id, errKind, errMessage, errTrace, output);
    }

    static String errorResponse(Object id, String kind, String message, String trace, String output) {
        Map<String, Object> err = new LinkedHashMap<>();
        err.put("kind", kind);
        err.put("message", message == null ? "" : message);
        if (trace != null && !trace.isEmpty()) err.put("trace", trace);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", id);
        r.put("ok", Boolean.FALSE);
        r.put("error", err);
        if (output != null && !output.isEmpty()) r.put("output", output);
        return Json.write(r);
    }

    static Throwable unwrap(Throwable t) {
        for (int i = 0; i < 10; i++) {
            if (t instanceof InvocationTargetException && t.getCause() != null) t = t.getCause();
            else if (t instanceof ExceptionInInitializerError && t.getCause() != null) t = t.getCause();
            else break;
        }
        return t;
    }

    static String kindOf(Throwable t) {
        Class<?> c = t.getClass();
        while (c.isAnonymousClass() && c.getSuperclass() != null) c = c.getSuperclass();
        String s = c.getSimpleName();
        if (s.isEmpty()) {
            String n = c.getName();
            s = n.substring(Math.max(n.lastIndexOf('.'), n.lastIndexOf('$')) + 1);
        }
        return s;
    }

    static String trace(Throwable t) {
        StringBuilder sb = new StringBuilder(t.toString()).append('\n');
        int n = 0;
        boolean leading = true;
        for (StackTraceElement e : t.getStackTrace()) {
            String c = e.getClassName();
            if (leading && c.startsWith(GhostDriver.class.getName())) continue; // the exit guard
            leading = false;
            if (c.startsWith("jdk.internal.reflect.") || c.startsWith("java.lang.reflect.") || c.startsWith(GhostDriver.class.getName())) break;
            sb.append("\tat ").append(e).append('\n');
            if (++n >= 30) break;
        }
        return sb.length() > 4000 ? sb.substring(0, 4000) : sb.toString();
    }

    static final class ArgumentError extends Exception {
        ArgumentError(String message) {
            super(message);
        }
    }

    static final class Unserializable extends Exception {
        Unserializable(String message) {
            super(message);
        }
    }

    static Object invoke(Target target, List<Object> args) throws Throwable {
        Method best = null;
        Object[] bestArgs = null;
        int bestScore = Integer.MIN_VALUE;
        String firstProblem = null;
        for (Method m : target.overloads) {
            int n = m.getParameterCount();
            if (m.isVarArgs()) {
                // treat the varargs parameter as a trailing array argument made of the rest
                List<Object> a = new ArrayList<>(args.subList(0, Math.min(n - 1, args.size())));
                if (args.size() >= n - 1) {
                    if (args.size() == n && args.get(n - 1) instanceof List) a.add(args.get(n - 1));
                    else a.add(new ArrayList<>(args.subList(n - 1, args.size())));
                }
                Object[] conv = tryConvert(m, a, n);
                if (conv != null) {
                    int score = score(m, a) - 5;
                    if (score > bestScore) {
                        best = m;
                        bestArgs = conv;
                        bestScore = score;
                    }
                } else if (firstProblem == null) firstProblem = problem(m, a, n);
                continue;
            }
            List<Object> a = new ArrayList<>(args);
            int penalty = 0;
            while (a.size() > n && a.get(a.size() - 1) == null) {
                a.remove(a.size() - 1);
                penalty += 1;
            }
            if (a.size() > n) {
                if (firstProblem == null) firstProblem = target.name + " takes " + n + " argument(s), got " + args.size();
                continue;
            }
            while (a.size() < n) {
                a.add(null);
                penalty += 2;
            }
            Object[] conv = tryConvert(m, a, n);
            if (conv == null) {
                if (firstProblem == null) firstProblem = problem(m, a, n);
                continue;
            }
            int score = score(m, a) - penalty * 10;
            if (score > bestScore) {
                best = m;
                bestArgs = conv;
                bestScore = score;
            }
        }
        if (best == null) throw new ArgumentError(firstProblem == null ? "no overload of " + target.name + " accepts these arguments" : firstProblem);
        Object receiver = null;
        if (target.instance) {
            if (target.receiver == null) target.receiver = target.owner.getConstructor().newInstance();
            receiver = target.receiver;
        }
        if (!best.canAccess(receiver)) best.setAccessible(true);
        return best.invoke(receiver, bestArgs);
    }

    static Object[] tryConvert(Method m, List<Object> a, int n) {
        Type[] types = m.getGenericParameterTypes();
        if (types.length != n) types = m.getParameterTypes();
        Object[] out = new Object[n];
        try {
            for (int i = 0; i < n; i++) out[i] = Conv.convert(a.get(i), types[i], new int[1]);
        } catch (ArgumentError e) {
            return null;
        }
        return out;
    }

    static String problem(Method m, List<Object> a, int n) {
        Type[] types = m.getGenericParameterTypes();
        if (types.length != n) types = m.getParameterTypes();
        for (int i = 0; i < n; i++) {
            try {
                Conv.convert(a.get(i), types[i], new int[1]);
            } catch (ArgumentError e) {
                return "argument " + (i + 1) + " of " + m.getName() + ": " + e.getMessage();
            }
        }
        return "no overload of " + m.getName() + " accepts these arguments";
    }

    static int score(Method m, List<Object> a) {
        Type[] types = m.getGenericParameterTypes();
        int total = 0;
        for (int i = 0; i < types.length && i < a.size(); i++) {
            int[] s = new int[1];
            try {
                Conv.convert(a.get(i), types[i], s);
            } catch (ArgumentError e) {
                return Integer.MIN_VALUE / 2;
            }
            total += s[0];
        }
        return total;
    }

    // ------------------------------------------------------------------ argument conversion

    static final class Conv {
        static Class<?> raw(Type t) {
            if (t instanceof Class) return (Class<?>) t;
            if (t instanceof ParameterizedType) return raw(((ParameterizedType) t).getRawType());
            if (t instanceof GenericArrayType) return Array.newInstance(raw(((GenericArrayType) t).getGenericComponentType()), 0).getClass();
            if (t instanceof WildcardType) {
                Type[] up = ((WildcardType) t).getUpperBounds();
                return up.length > 0 ? raw(up[0]) : Object.class;
            }
            if (t instanceof TypeVariable) {
                Type[] b = ((TypeVariable<?>) t).getBounds();
                return b.length > 0 ? raw(b[0]) : Object.class;
            }
            return Object.class;
        }

        static Type arg(Type t, int i) {
            if (t instanceof ParameterizedType) {
                Type[] a = ((ParameterizedType) t).getActualTypeArguments();
                if (i < a.length) return a[i];
            }
            return Object.class;
        }

        static Type component(Type t) {
            if (t instanceof GenericArrayType) return ((GenericArrayType) t).getGenericComponentType();
            Class<?> c = raw(t);
            return c.isArray() ? c.getComponentType() : Object.class;
        }

        /** An escaped user object ({"$ghost":"object","value":{...}}): a map, never a tag. */
        static final class LiteralMap extends LinkedHashMap<String, Object> {}

        /** Decodes tags: NaN/inf -> Double, bigint -> BigInteger, bytes -> byte[], object -> LiteralMap. */
        static Object untag(Object v) throws ArgumentError {
            if (v instanceof Map && !(v instanceof LiteralMap)) {
                Object tag = ((Map<?, ?>) v).get("$ghost");
                if (tag instanceof String) {
                    switch ((String) tag) {
                        case "nan": return Double.NaN;
                        case "inf": return Double.POSITIVE_INFINITY;
                        case "-inf": return Double.NEGATIVE_INFINITY;
                        case "bigint":
                            try {
                                return new BigInteger(String.valueOf(((Map<?, ?>) v).get("value")));
                            } catch (NumberFormatException e) {
                                throw new ArgumentError("bad bigint tag");
                            }
                        case "object": {
                            Object inner = ((Map<?, ?>) v).get("value");
                            if (!(inner instanceof Map)) throw new ArgumentError("bad object tag");
                            LiteralMap out = new LiteralMap();
                            for (Map.Entry<?, ?> e : ((Map<?, ?>) inner).entrySet()) out.put(String.valueOf(e.getKey()), e.getValue());
                            return out;
                        }
                        case "bytes":
                            try {
                                Object b = ((Map<?, ?>) v).get("base64");
                                return Base64.getDecoder().decode(b == null ? "" : b.toString());
                            } catch (IllegalArgumentException e) {
                                throw new ArgumentError("bad bytes tag");
                            }
                        default: break;
                    }
                }
            }
            return v;
        }

        /** The natural Java value for an untyped (Object) parameter, Jackson-style. */
        static Object natural(Object v) throws ArgumentError {
            v = untag(v);
            if (v instanceof Long) {
                long l = (Long) v;
                return l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE ? (Object) (int) l : (Object) l;
            }
            if (v instanceof BigInteger) {
                BigInteger b = (BigInteger) v;
                return b.bitLength() < 64 ? (Object) b.longValue() : b;
            }
            if (v instanceof List) {
                List<Object> out = new ArrayList<>();
                for (Object o : (List<?>) v) out.add(natural(o));
                return out;
            }
            if (v instanceof Map) {
                Map<String, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) out.put((String) e.getKey(), natural(e.getValue()));
                return out;
            }
            return v;
        }

        static String jsonType(Object v) {
            if (v == null) return "null";
            if (v instanceof String) return "string";
            if (v instanceof Boolean) return "boolean";
            if (v instanceof Number) return "number";
            if (v instanceof byte[]) return "bytes";
            if (v instanceof List) return "array";
            return "object";
        }

        static BigInteger integral(Object v, Class<?> target) throws ArgumentError {
            if (v instanceof Long) return BigInteger.valueOf((Long) v);
            if (v instanceof BigInteger) return (BigInteger) v;
            if (v instanceof Double) {
                double d = (Double) v;
                if (!Double.isNaN(d) && !Double.isInfinite(d) && d == Math.rint(d)) return new BigDecimal(d).toBigInteger();
            }
            throw new ArgumentError("expected an integer for " + target.getSimpleName() + ", got " + jsonType(v) + " " + Json.writeSafe(v));
        }

        static Object convert(Object v, Type type, int[] score) throws ArgumentError {
            Class<?> c = raw(type);
            if (v == null) {
                if (c.isPrimitive()) throw new ArgumentError("null for a " + c.getName() + " parameter");
                if (c == Optional.class) return Optional.empty();
                score[0] += 1;
                return null;
            }
            v = untag(v);
            if (c == Object.class) {
                score[0] += 1;
                return natural(v);
            }
            if (c == String.class || c == CharSequence.class) {
                if (v instanceof String) {
                    score[0] += 3;
                    return v;
                }
                throw new ArgumentError("expected a string, got " + jsonType(v));
            }
            if (c == char.class || c == Character.class) {
                if (v instanceof String && ((String) v).length() == 1) {
                    score[0] += 3;
                    return ((String) v).charAt(0);
                }
                throw new ArgumentError("expected a one-character string, got " + jsonType(v));
            }
            if (c == boolean.class || c == Boolean.class) {
                if (v instanceof Boolean) {
                    score[0] += 3;
                    return v;
                }
                throw new ArgumentError("expected a boolean, got " + jsonType(v));
            }
            if (c == int.class || c == Integer.class || c == long.class || c == Long.class || c == short.class || c == Short.class || c == byte.class || c == Byte.class) {
                if (!(v instanceof Number)) throw new ArgumentError("expected an integer, got " + jsonType(v));
                BigInteger b = integral(v, c);
                score[0] += v instanceof Double ? 1 : 3;
                int bits = (c == int.class || c == Integer.class) ? 32 : (c == long.class || c == Long.class) ? 64 : (c == short.class || c == Short.class) ? 16 : 8;
                if (b.bitLength() >= bits) throw new ArgumentError("integer " + b + " out of range for " + c.getSimpleName());
                if (bits == 32) return b.intValue();
                if (bits == 64) return b.longValue();
                if (bits == 16) return b.shortValue();
                return b.byteValue();
            }
            if (c == double.class || c == Double.class || c == float.class || c == Float.class) {
                if (!(v instanceof Number)) throw new ArgumentError("expected a number, got " + jsonType(v));
                score[0] += v instanceof Double ? 3 : 2;
                double d = ((Number) v).doubleValue();
                return (c == float.class || c == Float.class) ? (Object) (float) d : (Object) d;
            }
            if (c == BigInteger.class) {
                if (!(v instanceof Number)) throw new ArgumentError("expected an integer, got " + jsonType(v));
                score[0] += v instanceof Double ? 1 : 3;
                return integral(v, c);
            }
            if (c == BigDecimal.class) {
                if (!(v instanceof Number)) throw new ArgumentError("expected a number, got " + jsonType(v));
                score[0] += 2;
                if (v instanceof Double && (((Double) v).isNaN() || ((Double) v).isInfinite())) throw new ArgumentError("BigDecimal cannot hold " + v);
                return new BigDecimal(v.toString());
            }
            if (c == Number.class) {
                if (!(v instanceof Number)) throw new ArgumentError("expected a number, got " + jsonType(v));
                score[0] += 2;
                return natural(v);
            }
            if (c == byte[].class) {
                if (v instanceof byte[]) {
                    score[0] += 3;
                    return v;
                }
                if (v instanceof String) {
                    score[0] += 1;
                    return ((String) v).getBytes(StandardCharsets.UTF_8);
                }
                if (!(v instanceof List)) throw new ArgumentError("expected bytes, got " + jsonType(v));
            }
            if (c.isArray()) {
                if (!(v instanceof List)) throw new ArgumentError("expected an array, got " + jsonType(v));
                List<?> l = (List<?>) v;
                Type ct = component(type);
                Object arr = Array.newInstance(raw(ct), l.size());
                for (int i = 0; i < l.size(); i++) Array.set(arr, i, convert(l.get(i), ct, score));
                score[0] += 3;
                return arr;
            }
            if (c == Optional.class) {
                score[0] += 1;
                return Optional.ofNullable(convert(v, arg(type, 0), score));
            }
            if (Collection.class.isAssignableFrom(c) || c == Iterable.class) {
                if (!(v instanceof List)) throw new ArgumentError("expected an array, got " + jsonType(v));
                Type et = arg(type, 0);
                Collection<Object> out = newCollection(c);
                for (Object o : (List<?>) v) out.add(convert(o, et, score));
                score[0] += 3;
                return out;
            }
            if (Map.class.isAssignableFrom(c)) {
                if (!(v instanceof Map)) throw new ArgumentError("expected an object, got " + jsonType(v));
                Type kt = arg(type, 0), vt = arg(type, 1);
                Map<Object, Object> out = newMap(c);
                for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) out.put(convertKey((String) e.getKey(), kt), convert(e.getValue(), vt, score));
                score[0] += 3;
                return out;
            }
            if (c.isEnum()) {
                if (!(v instanceof String)) throw new ArgumentError("expected a string naming a " + c.getSimpleName() + ", got " + jsonType(v));
                Object[] constants = c.getEnumConstants();
                for (Object k : constants) if (((Enum<?>) k).name().equals(v)) {
                    score[0] += 3;
                    return k;
                }
                for (Object k : constants) if (normalize(((Enum<?>) k).name()).equals(normalize((String) v))) {
                    score[0] += 2;
                    return k;
                }
                throw new ArgumentError("\"" + v + "\" is no " + c.getSimpleName());
            }
            if (c.isRecord()) {
                if (!(v instanceof Map)) throw new ArgumentError("expected an object for " + c.getSimpleName() + ", got " + jsonType(v));
                Map<?, ?> m = (Map<?, ?>) v;
                RecordComponent[] comps = c.getRecordComponents();
                Object[] vals = new Object[comps.length];
                Class<?>[] types = new Class<?>[comps.length];
                for (int i = 0; i < comps.length; i++) {
                    types[i] = comps[i].getType();
                    Object jv = null;
                    boolean present = false;
                    for (Map.Entry<?, ?> e : m.entrySet()) {
                        if (e.getKey().equals(comps[i].getName()) || normalize((String) e.getKey()).equals(normalize(comps[i].getName()))) {
                            jv = e.getValue();
                            present = true;
                            break;
                        }
                    }
                    if (!present && types[i].isPrimitive()) vals[i] = Array.get(Array.newInstance(types[i], 1), 0);
                    else vals[i] = convert(jv, comps[i].getGenericType(), score);
                }
                try {
                    Constructor<?> k = c.getDeclaredConstructor(types);
                    k.setAccessible(true);
                    score[0] += 3;
                    return k.newInstance(vals);
                } catch (InvocationTargetException e) {
                    throw new ArgumentError("constructing " + c.getSimpleName() + ": " + e.getCause());
                } catch (ReflectiveOperationException | RuntimeException e) {
                    throw new ArgumentError("cannot construct " + c.getSimpleName() + ": " + e);
                }
            }
            Object n = natural(v);
            if (c.isInstance(n)) {
                score[0] += 1;
                return n;
            }
            throw new ArgumentError("cannot convert " + jsonType(v) + " to " + c.getSimpleName());
        }

        @SuppressWarnings("unchecked")
        static Collection<Object> newCollection(Class<?> c) throws ArgumentError {
            if (!c.isInterface() && !Modifier.isAbstract(c.getModifiers())) {
                try {
                    return (Collection<Object>) c.getConstructor().newInstance();
                } catch (ReflectiveOperationException e) {
                    throw new ArgumentError("cannot create a " + c.getSimpleName());
                }
            }
            if (SortedSet.class.isAssignableFrom(c)) return new TreeSet<>();
            if (Set.class.isAssignableFrom(c)) return new LinkedHashSet<>();
            if (Queue.class.isAssignableFrom(c)) return new ArrayDeque<>();
            return new ArrayList<>();
        }

        @SuppressWarnings("unchecked")
        static Map<Object, Object> newMap(Class<?> c) throws ArgumentError {
            if (!c.isInterface() && !Modifier.isAbstract(c.getModifiers())) {
                try {
                    return (Map<Object, Object>) c.getConstructor().newInstance();
                } catch (ReflectiveOperationException e) {
                    throw new ArgumentError("cannot create a " + c.getSimpleName());
                }
            }
            if (SortedMap.class.isAssignableFrom(c)) return new TreeMap<>();
            return new LinkedHashMap<>();
        }

        static Object convertKey(String k, Type t) throws ArgumentError {
            Class<?> c = raw(t);
            try {
                if (c == Integer.class) return Integer.parseInt(k);
                if (c == Long.class) return Long.parseLong(k);
                if (c == Double.class) return Double.parseDouble(k);
                if (c == BigInteger.class) return new BigInteger(k);
            } catch (NumberFormatException e) {
                throw new ArgumentError("map key \"" + k + "\" is not a " + c.getSimpleName());
            }
            if (c.isEnum()) return convert(k, t, new int[1]);
            return k;
        }
    }

    // ------------------------------------------------------------------ result encoding

    static void encode(Object v, StringBuilder sb, IdentityHashMap<Object, Boolean> stack, int depth) throws Exception {
        if (depth > MAX_DEPTH) throw new Unserializable("result nested too deeply");
        if (v == null) {
            sb.append("null");
            return;
        }
        if (v instanceof String || v instanceof Character) {
            Json.quote(v.toString(), sb);
            return;
        }
        if (v instanceof Boolean) {
            sb.append(v);
            return;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            sb.append(v);
            return;
        }
        if (v instanceof Long || v instanceof java.util.concurrent.atomic.AtomicLong || v instanceof java.util.concurrent.atomic.AtomicInteger) {
            long l = ((Number) v).longValue();
            if (l >= -SAFE && l <= SAFE) sb.append(l);
            else sb.append("{\"$ghost\":\"bigint\",\"value\":\"").append(l).append("\"}");
            return;
        }
        if (v instanceof BigInteger) {
            BigInteger b = (BigInteger) v;
            if (b.bitLength() <= 53) sb.append(b);
            else sb.append("{\"$ghost\":\"bigint\",\"value\":\"").append(b).append("\"}");
            return;
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d)) sb.append("{\"$ghost\":\"nan\"}");
            else if (Double.isInfinite(d)) sb.append(d > 0 ? "{\"$ghost\":\"inf\"}" : "{\"$ghost\":\"-inf\"}");
            else if (d == Math.rint(d) && Math.abs(d) <= SAFE) sb.append(d == 0 ? 0 : (long) d);
            else sb.append(v instanceof Float ? Float.toString((Float) v) : Double.toString(d));
            return;
        }
        if (v instanceof BigDecimal) {
            sb.append(((BigDecimal) v).toString());
            return;
        }
        if (v instanceof Number) {
            Json.quote(v.toString(), sb);
            return;
        }
        if (v instanceof byte[]) {
            sb.append("{\"$ghost\":\"bytes\",\"base64\":\"").append(Base64.getEncoder().encodeToString((byte[]) v)).append("\"}");
            return;
        }
        if (v instanceof Enum) {
            Json.quote(((Enum<?>) v).name(), sb);
            return;
        }
        if (v instanceof Optional) {
            encode(((Optional<?>) v).orElse(null), sb, stack, depth + 1);
            return;
        }
        if (v instanceof OptionalInt) {
            OptionalInt o = (OptionalInt) v;
            sb.append(o.isPresent() ? String.valueOf(o.getAsInt()) : "null");
            return;
        }
        if (v instanceof OptionalLong) {
            OptionalLong o = (OptionalLong) v;
            encode(o.isPresent() ? (Object) o.getAsLong() : null, sb, stack, depth + 1);
            return;
        }
        if (v instanceof OptionalDouble) {
            OptionalDouble o = (OptionalDouble) v;
            encode(o.isPresent() ? (Object) o.getAsDouble() : null, sb, stack, depth + 1);
            return;
        }
        if (v instanceof java.time.temporal.TemporalAccessor || v instanceof java.time.Duration || v instanceof java.time.Period || v instanceof UUID) {
            Json.quote(v.toString(), sb);
            return;
        }
        if (v instanceof Date) {
            Json.quote(((Date) v).toInstant().toString(), sb);
            return;
        }
        if (stack.containsKey(v)) throw new Unserializable("result has a circular structure");
        stack.put(v, Boolean.TRUE);
        try {
            if (v.getClass().isArray()) {
                sb.append('[');
                int n = Array.getLength(v);
                for (int i = 0; i < n; i++) {
                    if (i > 0) sb.append(',');
                    encode(Array.get(v, i), sb, stack, depth + 1);
                }
                sb.append(']');
                return;
            }
            if (v instanceof Map) {
                // a map with a "$ghost" key of its own would read as a tag: escape it
                boolean escape = false;
                for (Object k : ((Map<?, ?>) v).keySet()) if ("$ghost".equals(k instanceof Enum ? ((Enum<?>) k).name() : String.valueOf(k))) escape = true;
                if (escape) sb.append("{\"$ghost\":\"object\",\"value\":");
                sb.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                    if (!first) sb.append(',');
                    first = false;
                    Object k = e.getKey();
                    Json.quote(k instanceof Enum ? ((Enum<?>) k).name() : String.valueOf(k), sb);
                    sb.append(':');
                    encode(e.getValue(), sb, stack, depth + 1);
                }
                sb.append('}');
                if (escape) sb.append('}');
                return;
            }
            if (v instanceof Set && !(v instanceof SortedSet) && !(v instanceof LinkedHashSet)) {
                List<Object> items = new ArrayList<>((Set<?>) v);
                try {
                    items.sort(null);
                } catch (RuntimeException notComparable) {
                    // keep iteration order
                }
                encodeIterable(items, sb, stack, depth);
                return;
            }
            if (v instanceof Iterable) {
                encodeIterable((Iterable<?>) v, sb, stack, depth);
                return;
            }
            if (v instanceof Iterator) {
                List<Object> items = new ArrayList<>();
                ((Iterator<?>) v).forEachRemaining(items::add);
                encodeIterable(items, sb, stack, depth);
                return;
            }
            if (v instanceof Stream) {
                encodeIterable(((Stream<?>) v).toList(), sb, stack, depth);
                return;
            }
            Class<?> c = v.getClass();
            if (c.isRecord()) {
                boolean escape = false;
                for (RecordComponent rc : c.getRecordComponents()) if (rc.getName().equals("$ghost")) escape = true;
                if (escape) sb.append("{\"$ghost\":\"object\",\"value\":");
                sb.append('{');
                boolean first = true;
                for (RecordComponent rc : c.getRecordComponents()) {
                    Method acc = rc.getAccessor();
                    acc.setAccessible(true);
                    if (!first) sb.append(',');
                    first = false;
                    Json.quote(rc.getName(), sb);
                    sb.append(':');
                    encode(acc.invoke(v), sb, stack, depth + 1);
                }
                sb.append('}');
                if (escape) sb.append('}');
                return;
            }
            if (v instanceof Throwable) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", kindOf((Throwable) v));
                m.put("message", ((Throwable) v).getMessage());
                encode(m, sb, stack, depth + 1);
                return;
            }
            // A bean: public fields and getters.
            Map<String, Object> props = new LinkedHashMap<>();
            if (Modifier.isPublic(c.getModifiers())) {
                for (Field f : c.getFields()) if (!Modifier.isStatic(f.getModifiers())) props.put(f.getName(), f.get(v));
                for (Method m : c.getMethods()) {
                    if (Modifier.isStatic(m.getModifiers()) || m.getParameterCount() != 0 || m.getDeclaringClass() == Object.class) continue;
                    String n = m.getName();
                    String prop = null;
                    if (n.startsWith("get") && n.length() > 3 && m.getReturnType() != void.class) prop = n.substring(3);
                    else if (n.startsWith("is") && n.length() > 2 && (m.getReturnType() == boolean.class || m.getReturnType() == Boolean.class)) prop = n.substring(2);
                    if (prop == null) continue;
                    prop = Character.toLowerCase(prop.charAt(0)) + prop.substring(1);
                    if (!props.containsKey(prop)) props.put(prop, m.invoke(v));
                }
            }
            if (!props.isEmpty()) {
                sb.append('{');
                boolean first = true;
                for (Map.Entry<String, Object> e : props.entrySet()) {
                    if (!first) sb.append(',');
                    first = false;
                    Json.quote(e.getKey(), sb);
                    sb.append(':');
                    encode(e.getValue(), sb, stack, depth + 1);
                }
                sb.append('}');
                return;
            }
            Json.quote(v.toString(), sb);
        } finally {
            stack.remove(v);
        }
    }

    static void encodeIterable(Iterable<?> items, StringBuilder sb, IdentityHashMap<Object, Boolean> stack, int depth) throws Exception {
        sb.append('[');
        boolean first = true;
        for (Object o : items) {
            if (!first) sb.append(',');
            first = false;
            encode(o, sb, stack, depth + 1);
        }
        sb.append(']');
    }

    // ------------------------------------------------------------------ JSON

    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        /** Objects -> LinkedHashMap, arrays -> ArrayList, integers -> Long (BigInteger beyond), other numbers -> Double. */
        static Object parse(String text) {
            Json p = new Json(text);
            p.ws();
            Object v = p.value(0);
            p.ws();
            if (p.i != p.s.length()) throw p.err("trailing characters");
            return v;
        }

        private RuntimeException err(String msg) {
            return new IllegalArgumentException(msg + " at offset " + i);
        }

        private void ws() {
            while (i < s.length()) {
                char ch = s.charAt(i);
                if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') i++;
                else break;
            }
        }

        private Object value(int depth) {
            if (depth > 10000) throw err("nesting too deep");
            if (i >= s.length()) throw err("unexpected end");
            char ch = s.charAt(i);
            switch (ch) {
                case '{': {
                    i++;
                    Map<String, Object> m = new LinkedHashMap<>();
                    ws();
                    if (i < s.length() && s.charAt(i) == '}') {
                        i++;
                        return m;
                    }
                    while (true) {
                        ws();
                        if (i >= s.length() || s.charAt(i) != '"') throw err("expected a key");
                        String k = string();
                        ws();
                        if (i >= s.length() || s.charAt(i) != ':') throw err("expected ':'");
                        i++;
                        ws();
                        m.put(k, value(depth + 1));
                        ws();
                        if (i < s.length() && s.charAt(i) == ',') {
                            i++;
                            continue;
                        }
                        if (i < s.length() && s.charAt(i) == '}') {
                            i++;
                            return m;
                        }
                        throw err("expected ',' or '}'");
                    }
                }
                case '[': {
                    i++;
                    List<Object> l = new ArrayList<>();
                    ws();
                    if (i < s.length() && s.charAt(i) == ']') {
                        i++;
                        return l;
                    }
                    while (true) {
                        ws();
                        l.add(value(depth + 1));
                        ws();
                        if (i < s.length() && s.charAt(i) == ',') {
                            i++;
                            continue;
                        }
                        if (i < s.length() && s.charAt(i) == ']') {
                            i++;
                            return l;
                        }
                        throw err("expected ',' or ']'");
                    }
                }
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", null);
                default:
                    if (ch == '-' || (ch >= '0' && ch <= '9')) return number();
                    throw err("unexpected character '" + ch + "'");
            }
        }

        private Object literal(String word, Object v) {
            if (!s.startsWith(word, i)) throw err("bad literal");
            i += word.length();
            return v;
        }

        private Object number() {
            int start = i;
            boolean integral = true;
            if (s.charAt(i) == '-') i++;
            while (i < s.length()) {
                char ch = s.charAt(i);
                if (ch >= '0' && ch <= '9') i++;
                else if (ch == '.' || ch == 'e' || ch == 'E' || ch == '+' || ch == '-') {
                    integral = false;
                    i++;
                } else break;
            }
            String t = s.substring(start, i);
            try {
                if (integral) {
                    if (t.length() < 19) return Long.parseLong(t);
                    BigInteger b = new BigInteger(t);
                    return b.bitLength() < 64 ? (Object) b.longValue() : b;
                }
                return Double.parseDouble(t);
            } catch (NumberFormatException e) {
                throw err("bad number " + t);
            }
        }

        private String string() {
            i++; // opening quote
            StringBuilder sb = null;
            int start = i;
            while (true) {
                if (i >= s.length()) throw err("unterminated string");
                char ch = s.charAt(i);
                if (ch == '"') {
                    String out = sb == null ? s.substring(start, i) : sb.append(s, start, i).toString();
                    i++;
                    return out;
                }
                if (ch == '\\') {
                    if (sb == null) sb = new StringBuilder();
                    sb.append(s, start, i);
                    i++;
                    if (i >= s.length()) throw err("bad escape");
                    char e = s.charAt(i++);
                    switch (e) {
                        case '"': sb.append('"'); break;
                        case '\\': sb.append('\\'); break;
                        case '/': sb.append('/'); break;
                        case 'b': sb.append('\b'); break;
                        case 'f': sb.append('\f'); break;
                        case 'n': sb.append('\n'); break;
                        case 'r': sb.append('\r'); break;
                        case 't': sb.append('\t'); break;
                        case 'u':
                            if (i + 4 > s.length()) throw err("bad \\u escape");
                            try {
                                sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            } catch (NumberFormatException x) {
                                throw err("bad \\u escape");
                            }
                            i += 4;
                            break;
                        default: throw err("bad escape \\" + e);
                    }
                    start = i;
                    continue;
                }
                i++;
            }
        }

        static String quote(String s) {
            StringBuilder sb = new StringBuilder(s.length() + 2);
            quote(s, sb);
            return sb.toString();
        }

        /** ASCII-only output: everything else is \\u-escaped, so lone surrogates stay valid JSON. */
        static void quote(String s, StringBuilder sb) {
            sb.append('"');
            for (int k = 0; k < s.length(); k++) {
                char ch = s.charAt(k);
                switch (ch) {
                    case '"': sb.append("\\\""); break;
                    case '\\': sb.append("\\\\"); break;
                    case '\n': sb.append("\\n"); break;
                    case '\r': sb.append("\\r"); break;
                    case '\t': sb.append("\\t"); break;
                    default:
                        if (ch < 0x20 || ch > 0x7e) {
                            sb.append("\\u");
                            String hex = Integer.toHexString(ch);
                            for (int p = hex.length(); p < 4; p++) sb.append('0');
                            sb.append(hex);
                        } else sb.append(ch);
                }
            }
            sb.append('"');
        }

        /** Serializes parsed-JSON-shaped values (Map, List, String, Number, Boolean, null). */
        static String write(Object v) {
            StringBuilder sb = new StringBuilder();
            try {
                encode(v, sb, new IdentityHashMap<>(), 0);
            } catch (Exception e) {
                return "null";
            }
            return sb.toString();
        }

        static String writeSafe(Object v) {
            String s = write(v);
            return s.length() > 60 ? s.substring(0, 60) + "..." : s;
        }
    }
}
