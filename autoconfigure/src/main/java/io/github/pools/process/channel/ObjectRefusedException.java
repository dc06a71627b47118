package io.github.pools.process.channel;

import java.io.InvalidClassException;

/**
 * A serialized object was refused by the pool's allow-list or limits. The message
 * names the class or the limit, and how to allow it.
 */
public class ObjectRefusedException extends InvalidClassException {

	/**
	 * Create a new instance.
	 * @param refusal what was refused and how to allow it
	 * @param cause the JDK's exception
	 */
	public ObjectRefusedException(String refusal, InvalidClassException cause) {
		super(refusal);
		initCause(cause);
	}

}
