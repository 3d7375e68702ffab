"""Problem-solving power: site search that exists and works, help that leads to a solution."""
