import {DefaultDeserializer} from 'node:v8';

/** The typed arrays' own slice (a copy), which a Buffer's `slice` (a view) would hide. */
const typedSlice = (Object.getPrototypeOf(Uint8Array.prototype) as {slice: (this: ArrayBufferView) => ArrayBufferView}).slice;
const readView = (DefaultDeserializer.prototype as unknown as {_readHostObject: (this: DefaultDeserializer) => unknown})._readHostObject;

/**
 * Node's deserializer gives typed arrays that are views into the bytes they were read from: one
 * kept for a run (a checkpoint's user rows) would keep the whole file's bytes (20 MB at 100,000
 * rows) with it. This one copies each into a buffer of its own.
 */
class OwningDeserializer extends DefaultDeserializer {
	// Node's documented hook (v8.Deserializer), which @types/node does not declare.
	_readHostObject(): unknown {
		const view = readView.call(this);
		return ArrayBuffer.isView(view) && !(view instanceof DataView) ? typedSlice.call(view) : view;
	}
}

/** `v8.deserialize`, with typed arrays of their own. */
export function deserializeOwned(bytes: Uint8Array): unknown {
	const deserializer = new OwningDeserializer(bytes);
	deserializer.readHeader();
	return deserializer.readValue();
}
