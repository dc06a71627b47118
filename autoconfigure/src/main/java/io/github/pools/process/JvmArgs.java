package io.github.pools.process;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.jspecify.annotations.Nullable;

/**
 * A worker's default {@code jvm-args}, and the rules for the ones a pool sets: flags
 * that would write to standard output, which carries the channel, and flags that belong
 * to other settings are refused.
 */
final class JvmArgs {

	/**
	 * Returns memory that the C library keeps after the JIT compilers and serialization
	 * freed it: about 10 MB per busy worker. The flag exists only in newer JDK updates,
	 * so it is added only when a worker runs this very JVM and this JVM knows it.
	 */
	static final String TRIM_NATIVE_HEAP = "-XX:TrimNativeHeapInterval=5000";

	private static volatile @Nullable Boolean trimSupported;

	private JvmArgs() {
	}

	/**
	 * Return the flags of a pool that does not set {@code jvm-args}.
	 * @param javaExecutable the executable that runs the workers
	 * @param defaultExecutable the executable of this JVM
	 * @param defaults the documented defaults
	 * @return the defaults, plus native heap trimming when it is known to work
	 */
	static List<String> defaults(Path javaExecutable, Path defaultExecutable, List<String> defaults) {
		if (!javaExecutable.equals(defaultExecutable) || !trimSupported()) {
			return defaults;
		}
		List<String> args = new ArrayList<>(defaults);
		args.add(TRIM_NATIVE_HEAP);
		return List.copyOf(args);
	}

	private static boolean trimSupported() {
		Boolean supported = trimSupported;
		if (supported == null) {
			try {
				ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption("TrimNativeHeapInterval");
				supported = true;
			}
			catch (RuntimeException | LinkageError ex) {
				// an older JDK update, another JVM, or no java.management module
				supported = false;
			}
			trimSupported = supported;
		}
		return supported;
	}

	/**
	 * Check one flag.
	 * @param arg the flag
	 * @return the rule it breaks, or {@code null} if it is fine
	 */
	static @Nullable String problem(@Nullable String arg) {
		if (arg == null || arg.isBlank()) {
			return "must not be blank";
		}
		if (!arg.startsWith("-") && !arg.startsWith("@")) {
			// The JVM would take it for the main class; usually one flag split at a comma.
			return "is not a JVM flag (it starts with neither '-' nor '@' for an argument file); a flag whose "
					+ "value holds a comma must be one "
					+ "list item, for example jvm-args[0]=-XX:StartFlightRecording=filename=w.jfr,settings=profile";
		}
		switch (arg) {
			case "-cp", "-classpath", "--class-path", "-jar", "-m", "--module", "-p", "--module-path" -> {
				return "is not a JVM flag for a worker: set the class path with classpath";
			}
			case "-version", "--version", "-showversion", "--show-version", "-help", "--help", "-h", "-?", "-X",
					"--help-extra", "--dry-run" -> {
				return "would print to the worker's standard output, which carries the channel";
			}
			default -> {
			}
		}
		if (arg.startsWith("-verbose:gc") || arg.startsWith("-verbose:class") || arg.startsWith("-verbose:module")) {
			return "would log to the worker's standard output, which carries the channel; use -Xlog with an "
					+ "output instead, for example -Xlog:gc:stderr";
		}
		if (arg.startsWith("-Xlog") && !xlogKeepsStdoutClean(arg)) {
			return "would log to the worker's standard output, which carries the channel; name another output, "
					+ "for example -Xlog:gc:stderr or -Xlog:gc:file=gc.log";
		}
		return null;
	}

	/**
	 * {@code -Xlog[:what[:output[:decorators[:options]]]]}: without an output, the JVM
	 * logs to standard output.
	 */
	private static boolean xlogKeepsStdoutClean(String arg) {
		if (!arg.startsWith("-Xlog:")) {
			return false; // -Xlog alone logs everything to stdout
		}
		String[] parts = arg.substring("-Xlog:".length()).split(":", -1);
		String what = parts[0];
		if (parts.length == 1 && (what.equals("disable") || what.equals("async") || turnsOff(what))) {
			return true;
		}
		if (parts.length < 2) {
			return false;
		}
		String output = parts[1];
		return !output.isEmpty() && !output.equals("stdout") && !output.equals("#0");
	}

	/** {@code -Xlog:gc=off,jfr+startup=off}: every selection is switched off. */
	private static boolean turnsOff(String what) {
		for (String selection : what.split(",")) {
			if (!selection.endsWith("=off")) {
				return false;
			}
		}
		return true;
	}

}
