"""What several tabs share: footer, title bar, plain-text widgets, confirm, help, forms, rules."""
