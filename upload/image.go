package upload

// normaliseImage turns a photo upright from its EXIF orientation, drops its metadata (location
// included) and scales very large images down, rewriting file in place.
// TODO: implement; for now images are stored as uploaded.
func normaliseImage(file *File) error {
	return nil
}
