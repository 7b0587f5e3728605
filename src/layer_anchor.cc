// Linked into every layer library so that a layer whose folder holds only
// headers still builds as a library.
namespace jao {
void LayerAnchor() {}
}  // namespace jao
