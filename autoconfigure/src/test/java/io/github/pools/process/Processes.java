package io.github.pools.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Process helpers for the tests.
 */
final class Processes {

	private Processes() {
	}

	/**
	 * Whether a process runs. A process that has exited but not yet been reaped by its
	 * new parent (a zombie) does not count: on Linux {@link ProcessHandle#isAlive()} may
	 * still report it.
	 */
	static boolean isRunning(long pid) {
		Path stat = Path.of("/proc", Long.toString(pid), "stat");
		if (Files.isReadable(Path.of("/proc/self/stat"))) {
			try {
				String text = Files.readString(stat);
				// "pid (comm) S ...": the state follows the last ')'
				return text.charAt(text.lastIndexOf(')') + 2) != 'Z';
			}
			catch (IOException ex) {
				return false;
			}
		}
		return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
	}

	static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

}
