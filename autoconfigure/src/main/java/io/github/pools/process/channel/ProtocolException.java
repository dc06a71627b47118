package io.github.pools.process.channel;

import java.io.IOException;

/**
 * Bytes on a channel that are not a valid frame: a bad magic number, an unknown or
 * misdirected frame type, non-zero flags or a length above the limit. The channel can
 * no longer be trusted, so the peer that wrote them is killed.
 */
public class ProtocolException extends IOException {

	private final String offendingBytes;

	/**
	 * Create a new instance.
	 * @param problem what is wrong, for example {@code bad frame magic}
	 * @param offendingBytes the first bytes of the broken frame, escaped for printing
	 */
	public ProtocolException(String problem, String offendingBytes) {
		super(problem + "; first bytes: \"" + offendingBytes + "\"");
		this.offendingBytes = offendingBytes;
	}

	/**
	 * Return the first bytes of the broken frame as printable text: ASCII characters as
	 * they are, others as {@code \xNN}, and {@code \n}, {@code \r}, {@code \t},
	 * {@code \\} and {@code \"} escaped.
	 * @return the escaped bytes
	 */
	public String getOffendingBytes() {
		return this.offendingBytes;
	}

	/**
	 * Escape bytes for a log line or an exception message.
	 * @param bytes the array
	 * @param offset the first byte
	 * @param length how many bytes
	 * @return the printable form
	 */
	public static String escape(byte[] bytes, int offset, int length) {
		StringBuilder text = new StringBuilder(length + 16);
		for (int i = offset; i < offset + length; i++) {
			int b = bytes[i] & 0xFF;
			switch (b) {
				case '\n' -> text.append("\\n");
				case '\r' -> text.append("\\r");
				case '\t' -> text.append("\\t");
				case '\\' -> text.append("\\\\");
				case '"' -> text.append("\\\"");
				default -> {
					if (b >= 0x20 && b < 0x7F) {
						text.append((char) b);
					}
					else {
						text.append("\\x").append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xF, 16));
					}
				}
			}
		}
		return text.toString();
	}

}
