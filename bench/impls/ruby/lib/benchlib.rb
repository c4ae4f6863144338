# The benchmark library, Ruby flavour.
module Benchlib
  module_function

  def add(a, b)
    a + b
  end

  def echo(x)
    x
  end

  def shout(s)
    "#{s.upcase}!"
  end
end
