"""The online showroom: every village's products in one catalogue, with where to buy them."""
