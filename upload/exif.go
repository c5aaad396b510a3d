package upload

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"io"
)

// EXIF orientations (TIFF tag 0x0112): how the stored pixels must be transformed to show the
// picture upright.
const (
	orientUpright     = 1 // as stored
	orientMirror      = 2 // mirror left to right
	orientRotate180   = 3
	orientFlip        = 4 // mirror top to bottom
	orientTranspose   = 5 // mirror along the top-left to bottom-right diagonal
	orientRotate90CW  = 6
	orientTransverse  = 7 // mirror along the top-right to bottom-left diagonal
	orientRotate90CCW = 8
)

const (
	tagOrientation = 0x0112
	tiffTypeShort  = 3
	tiffTypeLong   = 4

	jpegMarkerSOS     = 0xDA
	jpegMarkerEOI     = 0xD9
	jpegMarkerAPP1    = 0xE1
	exifSegmentPrefix = "Exif\x00\x00"

	pngSignature = "\x89PNG\r\n\x1a\n"
	// maxPNGExifBytes bounds the eXIf chunk read into memory; EXIF in a JPEG cannot exceed 64 KB
	// either.
	maxPNGExifBytes = 1 << 16
)

// jpegOrientation returns the EXIF orientation of a JPEG stream, read from the APP1 "Exif"
// segment among the marker segments before the first scan. It returns orientUpright when there
// is none or it is malformed, because a photo without a readable tag is shown as stored.
func jpegOrientation(r io.Reader) int {
	br := bufio.NewReader(r)
	var soi [2]byte
	if _, err := io.ReadFull(br, soi[:]); err != nil || soi != [2]byte{0xFF, 0xD8} {
		return orientUpright
	}
	for {
		marker, err := nextJPEGMarker(br)
		if err != nil {
			return orientUpright
		}
		switch {
		case marker == 0xD8, marker == 0x01, marker >= 0xD0 && marker <= 0xD7:
			continue // markers without a length field
		case marker == jpegMarkerSOS, marker == jpegMarkerEOI:
			return orientUpright
		}
		var lengthField [2]byte
		if _, err := io.ReadFull(br, lengthField[:]); err != nil {
			return orientUpright
		}
		length := int(binary.BigEndian.Uint16(lengthField[:])) - 2
		if length < 0 {
			return orientUpright
		}
		if marker != jpegMarkerAPP1 {
			if _, err := br.Discard(length); err != nil {
				return orientUpright
			}
			continue
		}
		payload := make([]byte, length)
		if _, err := io.ReadFull(br, payload); err != nil {
			return orientUpright
		}
		// A JPEG may carry several APP1 segments (XMP is one); only the Exif one holds the tag.
		if bytes.HasPrefix(payload, []byte(exifSegmentPrefix)) {
			return tiffOrientation(payload[len(exifSegmentPrefix):])
		}
	}
}

// nextJPEGMarker reads a marker's 0xFF prefix, skipping the fill bytes that may repeat it, and
// returns the marker code.
func nextJPEGMarker(br *bufio.Reader) (byte, error) {
	b, err := br.ReadByte()
	if err != nil {
		return 0, err
	}
	if b != 0xFF {
		return 0, io.ErrUnexpectedEOF
	}
	for b == 0xFF {
		if b, err = br.ReadByte(); err != nil {
			return 0, err
		}
	}
	return b, nil
}

// pngOrientation returns the EXIF orientation from a PNG's eXIf chunk, which must come before the
// image data, or orientUpright when there is none.
func pngOrientation(r io.Reader) int {
	br := bufio.NewReader(r)
	signature := make([]byte, len(pngSignature))
	if _, err := io.ReadFull(br, signature); err != nil || string(signature) != pngSignature {
		return orientUpright
	}
	for {
		var header [8]byte
		if _, err := io.ReadFull(br, header[:]); err != nil {
			return orientUpright
		}
		length := int64(binary.BigEndian.Uint32(header[:4]))
		kind := string(header[4:8])
		switch {
		case kind == "IDAT" || kind == "IEND":
			return orientUpright
		case kind == "eXIf" && length <= maxPNGExifBytes:
			data := make([]byte, length)
			if _, err := io.ReadFull(br, data); err != nil {
				return orientUpright
			}
			// The PNG specification puts the TIFF header first; some writers keep JPEG's prefix.
			return tiffOrientation(bytes.TrimPrefix(data, []byte(exifSegmentPrefix)))
		}
		// Skip the chunk's data and its CRC.
		if _, err := io.CopyN(io.Discard, br, length+4); err != nil {
			return orientUpright
		}
	}
}

// tiffOrientation reads the Orientation tag from the first image file directory (IFD0) of an EXIF
// TIFF structure, in either byte order. Values outside 1–8 count as upright.
func tiffOrientation(tiff []byte) int {
	if len(tiff) < 8 {
		return orientUpright
	}
	var order binary.ByteOrder
	switch string(tiff[:2]) {
	case "II":
		order = binary.LittleEndian
	case "MM":
		order = binary.BigEndian
	default:
		return orientUpright
	}
	if order.Uint16(tiff[2:4]) != 42 {
		return orientUpright
	}

	size := uint64(len(tiff))
	ifd := uint64(order.Uint32(tiff[4:8]))
	if ifd+2 > size {
		return orientUpright
	}
	entries := uint64(order.Uint16(tiff[ifd : ifd+2]))
	for i := range entries {
		entry := ifd + 2 + 12*i
		if entry+12 > size {
			return orientUpright
		}
		if order.Uint16(tiff[entry:entry+2]) != tagOrientation {
			continue
		}
		kind := order.Uint16(tiff[entry+2 : entry+4])
		count := order.Uint32(tiff[entry+4 : entry+8])
		if count < 1 {
			return orientUpright
		}
		// A value that fits in four bytes is stored in the entry itself, left-aligned.
		var value uint32
		switch kind {
		case tiffTypeShort:
			value = uint32(order.Uint16(tiff[entry+8 : entry+10]))
		case tiffTypeLong:
			value = order.Uint32(tiff[entry+8 : entry+12])
		default:
			return orientUpright
		}
		if value < orientUpright || value > orientRotate90CCW {
			return orientUpright
		}
		return int(value)
	}
	return orientUpright
}
