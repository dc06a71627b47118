package io.github.pools.process.channel;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;

/**
 * Writes each class descriptor as its name, serial version UID and field layout hash
 * (see {@link ClassDescriptors}), and an {@code Object[]} of boxed numbers as one
 * primitive array (see {@link PackedBoxes}). Everything else is standard Java
 * serialization.
 */
final class CompactObjectOutputStream extends ObjectOutputStream {

	CompactObjectOutputStream(OutputStream out) throws IOException {
		super(out);
		enableReplaceObject(true);
	}

	@Override
	protected Object replaceObject(Object value) {
		return (value.getClass() == Object[].class) ? PackedBoxes.pack((Object[]) value) : value;
	}

	@Override
	protected void writeClassDescriptor(ObjectStreamClass descriptor) throws IOException {
		writeUTF(descriptor.getName());
		writeLong(descriptor.getSerialVersionUID());
		writeInt(ClassDescriptors.layout(descriptor));
	}

}
